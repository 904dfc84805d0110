package dev.relaypool.server.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import dev.relaypool.server.crypto.SecretFiles;
import org.apache.commons.io.FileUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server run from the bundled binaries on a data directory that survives restarts: initdb only when
 * the directory does not exist yet, a postmaster left running by a killed JVM is stopped and a stale
 * {@code postmaster.pid} removed before starting. Listens on 127.0.0.1 only, password authentication (the generated
 * password is kept in {@code <pgData>.password}, mode 0600). A lock file {@code <pgData>.lock} keeps a second
 * process off the same directory. PostgreSQL refuses to run as root; as root it runs in a user namespace whose
 * user is not root (the files stay owned by root).
 */
public final class EmbeddedPostgres implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgres.class);
    public static final String USER = "relaypool";

    private final PostgresControl control;
    private final int port;
    private final String password;
    private final boolean durable;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private boolean closed;

    private EmbeddedPostgres(PostgresControl control, int port, String password, boolean durable,
                             FileChannel lockChannel, FileLock lock) {
        this.control = control;
        this.port = port;
        this.password = password;
        this.durable = durable;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Starts PostgreSQL on {@code pgData} (created when absent). {@code durable} = false turns fsync off: for
     * throw-away test clusters only.
     */
    public static EmbeddedPostgres start(Path pgData, int port, boolean durable) {
        Path data = pgData.toAbsolutePath().normalize();
        FileChannel channel = null;
        try {
            Files.createDirectories(data.getParent());
            channel = FileChannel.open(sibling(data, ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel, data);
            PostgresControl control = new PostgresControl(PostgresBinaries.unpacked(), data);
            String password = password(data, control);
            control.stopLeftover();
            int chosenPort = port == 0 ? PostgresControl.freePort() : port;
            control.start(chosenPort, durable);
            log.info("Embedded PostgreSQL on 127.0.0.1:{}, data in {}", chosenPort, data);
            return new EmbeddedPostgres(control, chosenPort, password, durable, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("could not start the embedded PostgreSQL in " + data, e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    public int port() { return port; }

    public String user() { return USER; }

    public String password() { return password; }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Creates the database when it does not exist (a fresh cluster only has {@code postgres}). */
    public void createDatabaseIfAbsent(String name) {
        if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), USER, password);
             PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, name);
            if (!exists.executeQuery().next()) {
                try (Statement create = c.createStatement()) {
                    create.execute("CREATE DATABASE " + name);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
    }

    /**
     * Stops the server but keeps the data directory locked and the port: an outage, for tests of what its clients
     * do meanwhile. {@link #resume()} starts it again on the same port.
     */
    public synchronized void suspend() {
        if (!closed) {
            control.stop();
        }
    }

    /** Starts the server again after {@link #suspend()}; waits until it accepts connections. */
    public synchronized void resume() {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        control.start(port, durable);
    }

    /** Stops the server (fast shutdown: open sessions are ended) and releases the data directory. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            control.stop();
        } finally {
            try {
                lock.release();
            } catch (IOException e) {
                log.debug("releasing the lock", e);
            }
            closeQuietly(lockChannel);
        }
    }

    private static FileLock tryLock(FileChannel channel, Path data) throws IOException {
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            throw new IllegalStateException("another process already uses the embedded database in " + data
                    + " (is Relaypool already running on this data directory?)");
        }
        return lock;
    }

    /** The superuser password: generated with the cluster, read back on later starts. */
    private static String password(Path data, PostgresControl control) throws IOException {
        Path file = sibling(data, ".password");
        if (Files.isDirectory(data)) {
            if (!Files.isRegularFile(file)) {
                throw new IllegalStateException(file + " is missing: the password of the embedded database in "
                        + data + " cannot be recovered");
            }
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        }
        String password = Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8).strip() : null;
        if (password == null || password.isEmpty()) {
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            if (!SecretFiles.createOwnerOnly(file, (password + "\n").getBytes(StandardCharsets.UTF_8))) {
                password = Files.readString(file, StandardCharsets.UTF_8).strip();
            }
        }
        Path staging = sibling(data, ".initdb");
        FileUtils.deleteQuietly(staging.toFile()); // the remains of an initdb that was interrupted
        control.initdb(staging, file);
        Files.move(staging, data, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return password;
    }

    static Path sibling(Path data, String suffix) {
        return data.resolveSibling(data.getFileName() + suffix);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                log.debug("closing the lock file", e);
            }
        }
    }

    /** Arguments used by {@link PostgresControl}; kept here so the whole start-up reads in one place. */
    static List<String> serverOptions(int port, boolean durable) {
        List<String> options = new ArrayList<>(List.of("-p", Integer.toString(port),
                "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=",
                "-c", "timezone=UTC", "-c", "max_connections=200"));
        if (durable) {
            options.addAll(List.of("-c", "logging_collector=on", "-c", "log_directory=log",
                    "-c", "log_filename=postgresql-%a.log", "-c", "log_truncate_on_rotation=on",
                    "-c", "log_rotation_age=1d", "-c", "log_rotation_size=0"));
        } else {
            options.addAll(List.of("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"));
        }
        return options;
    }
}
