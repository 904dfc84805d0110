package dev.relaypool.server.crypto;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Files holding secrets (master key, database password): readable by their owner only, created atomically. */
public final class SecretFiles {
    private SecretFiles() {}

    /**
     * Creates {@code target} with {@code content} and mode 0600 unless it already exists. The content is written to a
     * private temporary file first and then hard-linked into place, which fails when the target exists: a reader
     * never sees a partly written secret, and of two processes racing, exactly one wins.
     *
     * @return true when this call created the file, false when it existed already
     */
    public static boolean createOwnerOnly(Path target, byte[] content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.write(temp, content);
            try (var channel = java.nio.channels.FileChannel.open(temp, java.nio.file.StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            try {
                Files.createLink(target, temp);
            } catch (UnsupportedOperationException e) { // file systems without hard links
                Files.move(temp, target);
            }
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
