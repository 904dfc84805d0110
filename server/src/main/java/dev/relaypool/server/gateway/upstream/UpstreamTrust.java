package dev.relaypool.server.gateway.upstream;

import dev.relaypool.server.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;

/**
 * Which servers upstream HTTPS trusts: the JDK's own CA certificates, plus, when {@code gateway.upstream-ca-file}
 * names a PEM file, the certificates in it (an OpenAI-compatible endpoint behind a company CA; the benchmark's fake
 * upstream). A chain is accepted when either set vouches for it; hostnames are verified as always.
 */
public record UpstreamTrust(SSLSocketFactory sockets, X509TrustManager trustManager) {

    /** The JDK's trust alone when {@code caFile} is empty. Fails with a {@link ConfigException} naming the file. */
    public static java.util.Optional<UpstreamTrust> load(java.util.Optional<Path> caFile) {
        if (caFile.isEmpty()) {
            return java.util.Optional.empty();
        }
        Path file = caFile.get();
        try {
            Collection<? extends java.security.cert.Certificate> read;
            try (InputStream in = Files.newInputStream(file)) {
                read = CertificateFactory.getInstance("X.509").generateCertificates(in);
            }
            if (read.isEmpty()) {
                throw new ConfigException("gateway.upstream-ca-file: no certificate in " + file);
            }
            KeyStore extra = KeyStore.getInstance(KeyStore.getDefaultType());
            extra.load(null, null);
            int n = 0;
            for (java.security.cert.Certificate certificate : read) {
                extra.setCertificateEntry("upstream-ca-" + n++, certificate);
            }
            X509TrustManager both = new EitherTrustManager(trustManager(null), trustManager(extra));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {both}, null);
            return java.util.Optional.of(new UpstreamTrust(context.getSocketFactory(), both));
        } catch (CertificateException e) {
            throw new ConfigException("gateway.upstream-ca-file: " + file + " is not a PEM certificate file: " + e.getMessage());
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException("gateway.upstream-ca-file: cannot read " + file + ": " + e.getMessage());
        }
    }

    /** A client builder that trusts {@code trust}'s certificates besides the JDK's, or the JDK's alone when empty. */
    public static OkHttpClient.Builder clientBuilder(java.util.Optional<UpstreamTrust> trust) {
        OkHttpClient.Builder builder = new OkHttpClient.Builder();
        trust.ifPresent(t -> builder.sslSocketFactory(t.sockets, t.trustManager));
        return builder;
    }

    private static X509TrustManager trustManager(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store); // null: the JDK's default CA certificates
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager");
    }

    /** Trusts a server chain that either manager trusts (client chains are never asked of the relay). */
    private record EitherTrustManager(X509TrustManager jdk, X509TrustManager extra) implements X509TrustManager {
        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            try {
                jdk.checkServerTrusted(chain, authType);
            } catch (CertificateException notByTheJdk) {
                try {
                    extra.checkServerTrusted(chain, authType);
                } catch (CertificateException notByTheFile) {
                    notByTheFile.addSuppressed(notByTheJdk);
                    throw notByTheFile;
                }
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("the relay does not accept client certificates upstream");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            List<X509Certificate> all = new ArrayList<>();
            Stream.of(jdk.getAcceptedIssuers(), extra.getAcceptedIssuers()).forEach(issuers -> all.addAll(List.of(issuers)));
            return all.toArray(X509Certificate[]::new);
        }
    }
}
