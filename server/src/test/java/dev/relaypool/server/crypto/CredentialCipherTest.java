package dev.relaypool.server.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relaypool.server.config.ConfigLoader;
import dev.relaypool.server.config.RelaypoolConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialCipherTest {
    private static final byte[] KEY = new byte[32];

    static {
        Arrays.fill(KEY, (byte) 7);
    }

    private final CredentialCipher cipher = new CredentialCipher(KEY);

    @TempDir
    Path dataDir;

    @Test
    void decryptsWhatItEncrypted() {
        byte[] secret = "sk-ant-api03-secret".getBytes(StandardCharsets.UTF_8);
        assertThat(cipher.decrypt(cipher.encrypt(secret))).isEqualTo(secret);
        assertThat(cipher.decryptString(cipher.encryptString("{\"refresh_token\":\"rt-ü\"}"))).isEqualTo("{\"refresh_token\":\"rt-ü\"}");
        assertThat(cipher.decrypt(cipher.encrypt(new byte[0]))).isEmpty();
    }

    @Test
    void usesAFreshNonceAndAVersionedFormat() {
        byte[] first = cipher.encryptString("same");
        byte[] second = cipher.encryptString("same");
        assertThat(first).isNotEqualTo(second);
        assertThat(first[0]).isEqualTo((byte) 1);
        assertThat(first).hasSize(1 + 12 + 4 + 16);
        assertThat(new String(first, StandardCharsets.ISO_8859_1)).doesNotContain("same");
    }

    @Test
    void detectsAnyAlteredByte() {
        byte[] sealed = cipher.encryptString("sk-secret");
        for (int i = 0; i < sealed.length; i++) {
            byte[] altered = sealed.clone();
            altered[i] ^= 0x01;
            assertThatThrownBy(() -> cipher.decrypt(altered)).as("byte " + i)
                    .isInstanceOf(CredentialCipher.TamperedException.class);
        }
        assertThatThrownBy(() -> cipher.decrypt(Arrays.copyOf(sealed, sealed.length - 1)))
                .isInstanceOf(CredentialCipher.TamperedException.class);
        assertThatThrownBy(() -> cipher.decrypt(new byte[3])).isInstanceOf(CredentialCipher.TamperedException.class);
    }

    @Test
    void refusesValuesEncryptedUnderAnotherKey() {
        byte[] otherKey = new byte[32];
        byte[] sealed = new CredentialCipher(otherKey).encryptString("sk-secret");
        assertThatThrownBy(() -> cipher.decrypt(sealed)).isInstanceOf(CredentialCipher.TamperedException.class);
    }

    @Test
    void generatesTheMasterKeyOnceIntoAnOwnerOnlyFile() throws Exception {
        RelaypoolConfig config = ConfigLoader.load(null, Map.of("RELAYPOOL_DATA_DIR", dataDir.toString()));
        byte[] sealed = CredentialCipher.fromConfig(config).encryptString("sk-secret");

        Path keyFile = dataDir.resolve("master.key");
        assertThat(Files.getPosixFilePermissions(keyFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Base64.getDecoder().decode(Files.readString(keyFile).strip())).hasSize(32);
        assertThat(CredentialCipher.fromConfig(config).decryptString(sealed)).as("key reused").isEqualTo("sk-secret");
        try (var files = Files.list(dataDir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("master.key");
        }
    }

    @Test
    void prefersTheConfiguredMasterKey() {
        RelaypoolConfig config = ConfigLoader.load(null, Map.of("RELAYPOOL_DATA_DIR", dataDir.toString(),
                "RELAYPOOL_SECURITY_MASTER_KEY", Base64.getEncoder().encodeToString(KEY)));
        assertThat(cipher.decryptString(CredentialCipher.fromConfig(config).encryptString("x"))).isEqualTo("x");
        assertThat(dataDir.resolve("master.key")).doesNotExist();
    }
}
