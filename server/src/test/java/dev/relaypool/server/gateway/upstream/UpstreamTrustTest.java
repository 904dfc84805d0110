package dev.relaypool.server.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relaypool.fake.TlsIdentity;
import dev.relaypool.server.config.ConfigException;
import dev.relaypool.server.config.ConfigLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gateway.upstream-ca-file}: the file's certificates are trusted besides the JDK's; a bad file stops the start. */
class UpstreamTrustTest {
    @TempDir
    Path dir;

    @Test
    void trustsTheFilesCertificatesAndStillTheJdksOwn() throws Exception {
        TlsIdentity identity = TlsIdentity.selfSigned(dir);
        X509Certificate fake;
        try (InputStream in = Files.newInputStream(identity.certificatePem())) {
            fake = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }

        UpstreamTrust trust = UpstreamTrust.load(Optional.of(identity.certificatePem())).orElseThrow();

        trust.trustManager().checkServerTrusted(new X509Certificate[] {fake}, "ECDHE_ECDSA");
        assertThat(List.of(trust.trustManager().getAcceptedIssuers())).contains(fake).hasSizeGreaterThan(10);
        assertThat(UpstreamTrust.load(Optional.empty())).isEmpty();
    }

    @Test
    void aChainNeitherVouchesForIsRefused() throws Exception {
        TlsIdentity trusted = TlsIdentity.selfSigned(dir.resolve("a"));
        TlsIdentity stranger = TlsIdentity.selfSigned(dir.resolve("b"));
        X509Certificate other;
        try (InputStream in = Files.newInputStream(stranger.certificatePem())) {
            other = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        UpstreamTrust trust = UpstreamTrust.load(Optional.of(trusted.certificatePem())).orElseThrow();

        assertThatThrownBy(() -> trust.trustManager().checkServerTrusted(new X509Certificate[] {other}, "ECDHE_ECDSA"))
                .isInstanceOf(CertificateException.class);
    }

    @Test
    void aFileWithoutCertificatesOrNoFileStopsTheStartWithItsName() throws IOException {
        Path junk = Files.writeString(dir.resolve("junk.pem"), "-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n");
        Path empty = Files.writeString(dir.resolve("empty.pem"), "");

        assertThatThrownBy(() -> UpstreamTrust.load(Optional.of(junk))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("gateway.upstream-ca-file").hasMessageContaining("junk.pem");
        assertThatThrownBy(() -> UpstreamTrust.load(Optional.of(empty))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("gateway.upstream-ca-file").hasMessageContaining("empty.pem");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("RELAYPOOL_GATEWAY_UPSTREAM_CA_FILE",
                dir.resolve("missing.pem").toString()))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("gateway.upstream-ca-file").hasMessageContaining("is not a readable file");
    }
}
