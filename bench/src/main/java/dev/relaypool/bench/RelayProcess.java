package dev.relaypool.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The relay under test in a JVM of its own (heap capped, as an operator would run it), so that its memory is
 * measured alone: seeded first, started with {@code dev.relaypool.server.Main} on the harness's class path, stopped
 * with SIGTERM. Its output goes to {@code relay.log} in the work directory.
 */
final class RelayProcess implements AutoCloseable {
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    private static final Pattern LEASES_IN_USE = Pattern.compile("(?m)^relaypool_leases_in_use\\s+([0-9.eE+]+)");
    private static final java.net.http.HttpClient METRICS = java.net.http.HttpClient.newBuilder()
            .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
    private final Process process;
    private final int port;
    private final String memberKey;
    private final String httpsMemberKey;
    private final Path log;

    private RelayProcess(Process process, int port, List<String> keys, Path log) {
        this.process = process;
        this.port = port;
        this.memberKey = keys.get(0);
        this.httpsMemberKey = keys.get(1);
        this.log = log;
    }

    /**
     * Seeds two members: one whose accounts are on the fake's plain HTTP listener (the per-request scenarios), one
     * on its HTTPS listener (many streams, over HTTP/2 as with the providers' APIs), trusted through
     * {@code gateway.upstream-ca-file}.
     */
    static RelayProcess start(BenchOptions options, Path workDir, FakeProcess fake) throws IOException {
        int port = freePort();
        Map<String, String> settings = new HashMap<>();
        settings.put("RELAYPOOL_DATA_DIR", workDir.resolve("data").toString());
        settings.put("RELAYPOOL_SERVER_HOST", "127.0.0.1");
        settings.put("RELAYPOOL_SERVER_SHUTDOWN_GRACE_SECONDS", "2");
        settings.put("RELAYPOOL_SECURITY_ALLOW_PRIVATE_UPSTREAMS", "true");
        settings.put("RELAYPOOL_SECURITY_ALLOW_HTTP_UPSTREAMS", "true");
        if (options.postgresUrl().isPresent()) {
            settings.put("RELAYPOOL_DATABASE_URL", options.postgresUrl().get());
            settings.put("RELAYPOOL_SECURITY_MASTER_KEY", BenchMasterKey.load()); // the same for every run on it
        }
        options.postgresUser().ifPresent(user -> settings.put("RELAYPOOL_DATABASE_USER", user));
        options.postgresPassword().ifPresent(pw -> settings.put("RELAYPOOL_DATABASE_PASSWORD", pw));
        options.redisUrl().ifPresent(url -> settings.put("RELAYPOOL_REDIS_URL", url));
        settings.put("RELAYPOOL_GATEWAY_UPSTREAM_CA_FILE", fake.certificatePem().toString());

        Map<String, String> seeding = new HashMap<>(settings);
        seeding.put("RELAYPOOL_SERVER_PORT", "0");
        List<String> keys = Seeder.seed(seeding, List.of(fake.baseUrl(), fake.httpsBaseUrl()));

        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + options.relayHeap(), "--sun-misc-unsafe-memory-access=allow",
                "--enable-native-access=ALL-UNNAMED"));
        if (options.jfr()) {
            command.add("-XX:StartFlightRecording=filename=" + workDir.resolve("relay.jfr") + ",settings=profile");
        }
        command.addAll(options.relayJvmOptions());
        command.addAll(List.of("-cp", classPath(), "dev.relaypool.server.Main"));
        Path log = workDir.resolve("relay.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("RELAYPOOL_"));
        builder.environment().putAll(settings);
        builder.environment().put("RELAYPOOL_SERVER_PORT", Integer.toString(port));
        RelayProcess relay = new RelayProcess(builder.start(), port, keys, log);
        relay.awaitHealthy();
        return relay;
    }

    int port() {
        return port;
    }

    String memberKey() {
        return memberKey;
    }

    /** The member whose accounts are on the fake's HTTPS listener. */
    String httpsMemberKey() {
        return httpsMemberKey;
    }

    long pid() {
        return process.pid();
    }

    private void awaitHealthy() throws IOException {
        byte[] probe = ("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("the relay exited at start; see " + log);
            }
            try (HttpConnection connection = new HttpConnection(new InetSocketAddress("127.0.0.1", port))) {
                if (connection.exchange(probe, null).status() == 200) {
                    return;
                }
            }
            sleep(200);
        }
        throw new IOException("the relay did not become healthy within 180 s; see " + log);
    }

    /**
     * Requests the relay is serving with an account right now ({@code relaypool_leases_in_use} from its loopback-only
     * {@code /metrics}), or -1 when it does not answer.
     */
    int leasesInUse() {
        try {
            java.net.http.HttpResponse<String> metrics = METRICS.send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://127.0.0.1:" + port + "/metrics")).timeout(java.time.Duration.ofSeconds(10)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            Matcher leases = LEASES_IN_USE.matcher(metrics.body());
            return metrics.statusCode() == 200 && leases.find() ? (int) Double.parseDouble(leases.group(1)) : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Resident set size now and at its peak (VmHWM), in MiB, from /proc. */
    long[] residentMib() {
        long rss = 0;
        long peak = 0;
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = kib(line) / 1024;
                } else if (line.startsWith("VmHWM:")) {
                    peak = kib(line) / 1024;
                }
            }
        } catch (IOException e) {
            return new long[] {-1, -1};
        }
        return new long[] {rss, peak};
    }

    /** Heap in use, in MiB, as {@code jcmd GC.heap_info} reports it; after a full GC when {@code collectFirst}. */
    long heapUsedMib(boolean collectFirst) {
        if (collectFirst) {
            jcmd("GC.run");
        }
        Matcher used = HEAP_USED.matcher(jcmd("GC.heap_info"));
        return used.find() ? Long.parseLong(used.group(1)) / 1024 : -1;
    }

    private String jcmd(String what) {
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(pid()), what).redirectErrorStream(true).start();
            String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            jcmd.waitFor(30, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static long kib(String statusLine) {
        return Long.parseLong(statusLine.replaceAll("[^0-9]", ""));
    }

    /** This JVM's class path with absolute entries, for a child started in another directory. */
    static String classPath() {
        return java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        process.destroy(); // SIGTERM: the graceful stop, which also stops an embedded PostgreSQL
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
