package dev.relaypool.server.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real {@code redis-server} on a free loopback port, one per test class. Register it on a static field:
 * <pre>{@code
 * @RegisterExtension
 * static final RedisServerExtension redis = new RedisServerExtension();
 * ... RedisCoordination.connect(redis.url(), clock) ...
 * }</pre>
 * The binary is {@code redis-server} from the PATH when there is one (Debian's 7.x; CI installs it), otherwise the
 * Linux build bundled in the {@code com.github.codemonstur:embedded-redis} test jar, copied once per JVM to a
 * temporary file. Redis runs without persistence, bound to 127.0.0.1 only.
 *
 * <p>{@link #stop()} and {@link #start()} simulate an outage: the server comes back on the same port (and URL),
 * empty. {@link #flushAll()} empties it between tests. The server is always stopped after the class's tests,
 * and by a shutdown hook if the JVM ends first.
 */
public final class RedisServerExtension implements BeforeAllCallback, AfterAllCallback {
    private static final long START_TIMEOUT_MILLIS = 10_000;
    private static Path bundledBinary; // guarded by the class

    private int port; // chosen at the first start, kept across restarts
    private final Thread shutdownHook = Thread.ofPlatform().unstarted(this::stop);
    private Process process;
    private Path workDir;

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) { // the JVM is already shutting down
        }
    }

    /** {@code redis://127.0.0.1:<port>}; stays the same across {@link #stop()} and {@link #start()}. */
    public synchronized URI url() {
        return URI.create("redis://127.0.0.1:" + port());
    }

    public synchronized int port() {
        if (port == 0) {
            throw new IllegalStateException("Redis has not been started yet");
        }
        return port;
    }

    /** Starts the server (again) and waits until it answers PING; does nothing when it is running. */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        port = port != 0 ? port : freePort();
        try {
            workDir = workDir != null ? workDir : Files.createTempDirectory("relaypool-redis-");
            process = new ProcessBuilder(binary().toString(), "--port", String.valueOf(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--daemonize", "no", "--dir", workDir.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(workDir.resolve("redis.log").toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start redis-server", e);
        }
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
        while (!"+PONG".equals(command("PING"))) {
            if (!process.isAlive() || System.currentTimeMillis() > deadline) {
                stop();
                throw new IllegalStateException("redis-server did not come up on port " + port + "; see " + workDir.resolve("redis.log"));
            }
            sleep(20);
        }
    }

    /** Stops the server (SIGTERM, then SIGKILL after 5 s) and waits until it is gone; does nothing when stopped. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Deletes every key, e.g. between tests that share the server. */
    public void flushAll() {
        String reply = command("FLUSHALL");
        if (!"+OK".equals(reply)) {
            throw new IllegalStateException("FLUSHALL answered " + reply);
        }
    }

    /** Empties Redis's script cache, as a restart does: clients must load their scripts again. */
    public void flushScripts() {
        String reply = command("SCRIPT FLUSH");
        if (!"+OK".equals(reply)) {
            throw new IllegalStateException("SCRIPT FLUSH answered " + reply);
        }
    }

    /** Sends one inline command and returns the first reply line, or null when the server does not answer. */
    private String command(String inline) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1_000);
            socket.setSoTimeout(2_000);
            OutputStream out = socket.getOutputStream();
            out.write((inline + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != -1 && c != '\r' && line.length() < 1_000; c = in.read()) {
                line.append((char) c);
            }
            return line.toString();
        } catch (IOException e) {
            return null;
        }
    }

    private static Path binary() throws IOException {
        Optional<Path> onPath = Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, "redis-server"))
                .filter(Files::isExecutable)
                .findFirst();
        return onPath.isPresent() ? onPath.get() : bundled();
    }

    private static synchronized Path bundled() throws IOException {
        if (bundledBinary != null) {
            return bundledBinary;
        }
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String resource = os.contains("linux") && List.of("amd64", "x86_64").contains(arch) ? "redis-server-6.2.6-v5-linux-amd64"
                : os.contains("linux") && List.of("aarch64", "arm64").contains(arch) ? "redis-server-6.2.7-linux-arm64"
                : os.contains("mac") && List.of("aarch64", "arm64").contains(arch) ? "redis-server-6.2.6-v5-darwin-arm64"
                : os.contains("mac") ? "redis-server-6.2.6-v5-darwin-amd64"
                : null;
        if (resource == null) {
            throw new IllegalStateException("No redis-server on the PATH and none bundled for " + os + "/" + arch);
        }
        try (InputStream in = RedisServerExtension.class.getResourceAsStream("/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("No redis-server on the PATH and " + resource + " is not on the classpath");
            }
            Path file = Files.createTempFile("relaypool-redis-server-", "");
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            if (!file.toFile().setExecutable(true, true)) {
                throw new IOException("Could not make " + file + " executable");
            }
            file.toFile().deleteOnExit();
            bundledBinary = file;
            return file;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for redis-server", e);
        }
    }
}
