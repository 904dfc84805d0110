package dev.relaypool.fake;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A throw-away certificate for the fake's HTTPS listener: a self-signed EC key for {@code localhost} and
 * {@code 127.0.0.1}, made by the running JDK's own {@code keytool} in a directory the caller owns, valid for two
 * days. Nothing of it is ever committed; a relay trusts it through {@code gateway.upstream-ca-file} pointed at
 * {@link #certificatePem()}.
 */
public record TlsIdentity(Path keyStore, String password, Path certificatePem) {
    private static final String ALIAS = "fake-upstream";

    public TlsIdentity {
        Objects.requireNonNull(keyStore, "keyStore");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(certificatePem, "certificatePem");
    }

    /** Makes a new key and certificate in {@code dir} ({@code fake-upstream.p12}, {@code fake-upstream-ca.pem}). */
    public static TlsIdentity selfSigned(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path store = dir.resolve("fake-upstream.p12");
        Path pem = dir.resolve("fake-upstream-ca.pem");
        Files.deleteIfExists(store);
        Files.deleteIfExists(pem);
        String password = Long.toHexString(new java.security.SecureRandom().nextLong()) + "fake";
        keytool(List.of("-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1,ip:::1", "-validity", "2",
                "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", password, "-keypass", password));
        keytool(List.of("-exportcert", "-rfc", "-alias", ALIAS, "-keystore", store.toString(),
                "-storepass", password, "-file", pem.toString()));
        return new TlsIdentity(store, password, pem);
    }

    /** A server-side TLS context holding this identity. */
    public SSLContext serverContext() {
        try (InputStream in = Files.newInputStream(keyStore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the fake upstream's TLS identity from " + keyStore, e);
        }
    }

    private static void keytool(List<String> arguments) throws IOException {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("keytool did not finish within 60 s");
            }
            if (process.exitValue() != 0) {
                throw new IOException("keytool " + arguments.getFirst() + " failed: " + output.strip());
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while making a TLS identity", e);
        }
    }
}
