package dev.relaypool.bench;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The relay's master key for runs on an external PostgreSQL. The database outlives the run, and the next run's
 * relay must read the accounts the earlier runs stored (a relay refuses to start on credentials it cannot decrypt),
 * so the key is made once and kept in {@code ~/.cache/relaypool-bench/master.key}, readable by its owner only.
 */
final class BenchMasterKey {
    private BenchMasterKey() {}

    static String load() throws IOException {
        Path file = Path.of(System.getProperty("user.home"), ".cache", "relaypool-bench", "master.key");
        if (!Files.exists(file)) {
            Files.createDirectories(file.getParent());
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Path made = Files.createTempFile(file.getParent(), "master", ".key",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(made, Base64.getEncoder().encodeToString(key));
            try {
                Files.move(made, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException raced) { // another run made it first
                Files.deleteIfExists(made);
            }
        }
        return Files.readString(file).strip();
    }
}
