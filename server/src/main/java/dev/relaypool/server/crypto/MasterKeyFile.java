package dev.relaypool.server.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The generated master key in {@code <data-dir>/master.key}: Base64 of 32 random bytes, mode 0600. */
final class MasterKeyFile {
    private static final Logger log = LoggerFactory.getLogger(MasterKeyFile.class);

    private MasterKeyFile() {}

    static byte[] loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                String encoded = Base64.getEncoder().encodeToString(key) + "\n";
                if (SecretFiles.createOwnerOnly(file, encoded.getBytes(StandardCharsets.US_ASCII))) {
                    log.info("Generated a new master key in {}; back it up: without it stored credentials are lost", file);
                    return key;
                }
            }
            return read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or create the master key " + file, e);
        }
    }

    private static byte[] read(Path file) throws IOException {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        if (permissions.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
            log.warn("{} is readable by other users; run: chmod 600 {}", file, file);
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(file + " does not hold a Base64 key");
        }
        if (key.length != 32) {
            throw new IllegalStateException(file + " must hold a 32-byte key in Base64, found " + key.length + " bytes");
        }
        return key;
    }
}
