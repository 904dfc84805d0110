package dev.relaypool.server.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs initdb and pg_ctl for {@link EmbeddedPostgres}; every call is bounded in time. */
final class PostgresControl {
    private static final Logger log = LoggerFactory.getLogger(PostgresControl.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final Path binaries;
    private final Path data;
    private final List<String> prefix;

    PostgresControl(Path binaries, Path data) {
        this.binaries = binaries;
        this.data = data;
        this.prefix = runningAsRoot() ? asNonRoot() : List.of();
    }

    void initdb(Path into, Path passwordFile) {
        run("initdb", List.of("-D", into.toString(), "-U", EmbeddedPostgres.USER, "--auth=scram-sha-256",
                "--pwfile=" + passwordFile, "-E", "UTF8", "--locale=C", "--locale-provider=builtin",
                "--builtin-locale=C.UTF-8"), START_TIMEOUT);
    }

    void start(int port, boolean durable) {
        String options = String.join(" ", EmbeddedPostgres.serverOptions(port, durable));
        run("pg_ctl", List.of("-D", data.toString(), "-l", data.resolve("postmaster.log").toString(),
                "-o", options, "-w", "-t", Long.toString(START_TIMEOUT.toSeconds()), "start"), START_TIMEOUT.plusSeconds(10));
    }

    void stop() {
        if (!Files.exists(data.resolve("postmaster.pid"))) {
            return;
        }
        try {
            run("pg_ctl", List.of("-D", data.toString(), "-m", "fast", "-w", "-t",
                    Long.toString(STOP_TIMEOUT.toSeconds()), "stop"), STOP_TIMEOUT.plusSeconds(10));
        } catch (RuntimeException e) {
            log.warn("pg_ctl stop failed, killing the postmaster: {}", e.getMessage());
            postmasterPid().flatMap(ProcessHandle::of).ifPresent(PostgresControl::kill);
        }
    }

    /**
     * Before a start: a postmaster still running on this directory belongs to a process that died without stopping
     * it (the caller holds the directory lock), so it is stopped; a {@code postmaster.pid} naming any other process
     * is stale (PIDs are reused after a reboot) and removed.
     */
    void stopLeftover() throws IOException {
        Path pidFile = data.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        Optional<Long> pid = postmasterPid();
        if (pid.isPresent() && isOurPostmaster(pid.get())) {
            log.warn("Stopping a PostgreSQL (pid {}) left running on {} by an earlier process", pid.get(), data);
            stop();
        }
        Files.deleteIfExists(pidFile);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Optional<Long> postmasterPid() {
        try {
            List<String> lines = Files.readAllLines(data.resolve("postmaster.pid"));
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.getFirst().strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private boolean isOurPostmaster(long pid) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            List<String> args = Arrays.asList(new String(raw, StandardCharsets.UTF_8).split("\0"));
            return !args.isEmpty() && args.getFirst().endsWith("postgres") && args.contains(data.toString());
        } catch (IOException e) {
            return false; // no such process
        }
    }

    private static void kill(ProcessHandle process) {
        process.destroyForcibly();
        process.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> null).join();
    }

    private void run(String binary, List<String> args, Duration timeout) {
        List<String> command = new ArrayList<>(prefix);
        command.add(binaries.resolve("bin").resolve(binary).toString());
        command.addAll(args);
        Path output = null;
        try {
            output = Files.createTempFile("relaypool-" + binary, ".out");
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(binary + " did not finish within " + timeout.toSeconds() + " s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(binary + " failed (exit " + process.exitValue() + "): "
                        + Files.readString(output).strip() + logTail() + (prefix.isEmpty() ? ""
                        : "\n(PostgreSQL cannot run as root; run Relaypool as an ordinary user or set database.url)"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + binary, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + binary, e);
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException e) {
                    log.debug("temporary file", e);
                }
            }
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(data.resolve("postmaster.log"));
            return "\npostmaster.log:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    private static boolean runningAsRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * PostgreSQL will not run as root. A user namespace that maps root to an ordinary user satisfies it while the
     * files stay root's on disk, so no ownership change and no extra account are needed.
     */
    private static List<String> asNonRoot() {
        log.info("Running as root: the embedded PostgreSQL runs in a user namespace as an unprivileged user");
        return List.of("unshare", "--user", "--map-user=65534", "--map-group=65534");
    }
}
