package dev.relaypool.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fake upstream in a JVM of its own, steered through its control endpoint ({@code /_fake/*}). Its own process
 * because open files are per process: thousands of streams need a socket each at the client, the relay (twice) and
 * the fake, and the relay must not share its budget nor its CPU accounting.
 */
final class FakeProcess implements AutoCloseable {
    private static final Pattern OPEN_STREAMS = Pattern.compile("\"openStreams\"\\s*:\\s*(\\d+)");
    private static final Pattern HTTP2_CONNECTIONS = Pattern.compile("\"http2Connections\"\\s*:\\s*(\\d+)");
    private static final Pattern HTTPS_LINE = Pattern.compile("listening for HTTPS on (https://\\S+) \\(certificate: (.+)\\)");

    private final Process process;
    private final int port;
    private String httpsBaseUrl;
    private Path certificatePem;
    private final HttpClient control = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private FakeProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static FakeProcess start(Path workDir) throws IOException {
        int port = RelayProcess.freePort();
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "--sun-misc-unsafe-memory-access=allow", "-cp", RelayProcess.classPath(),
                "dev.relaypool.fake.FakeUpstreamMain", "--host", "127.0.0.1", "--port", Integer.toString(port),
                "--record", "0", "--tls-dir", workDir.resolve("fake-tls").toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(workDir.resolve("fake-upstream.log").toFile()).start();
        FakeProcess fake = new FakeProcess(process, port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                fake.openStreams();
                fake.readHttpsListener(workDir.resolve("fake-upstream.log"));
                return fake;
            } catch (IOException e) {
                if (!process.isAlive()) {
                    throw new IOException("the fake upstream exited at start; see " + workDir.resolve("fake-upstream.log"));
                }
                RelayProcess.sleep(200);
            }
        }
        fake.close();
        throw new IOException("the fake upstream did not start within 60 s");
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The HTTPS listener (HTTP/2 and HTTP/1.1, self-signed certificate). */
    String httpsBaseUrl() {
        return httpsBaseUrl;
    }

    /** The HTTPS listener's certificate, for the relay's {@code gateway.upstream-ca-file}. */
    Path certificatePem() {
        return certificatePem;
    }

    private void readHttpsListener(Path log) throws IOException {
        for (String line : java.nio.file.Files.readAllLines(log)) {
            Matcher https = HTTPS_LINE.matcher(line);
            if (https.find()) {
                httpsBaseUrl = https.group(1);
                certificatePem = Path.of(https.group(2));
                return;
            }
        }
        throw new IOException("the fake upstream did not report its HTTPS listener; see " + log);
    }

    /** Every request from now: a normal answer, or (JSON) headers only after {@code delayMs}. */
    void answerAfter(int delayMs) throws IOException {
        post("/_fake/behaviour", delayMs == 0 ? "{\"fault\":\"answer\",\"apply\":\"default\"}"
                : "{\"fault\":\"slow_first_token\",\"delayMs\":" + delayMs + ",\"apply\":\"default\"}");
    }

    void streamShape(String reply, int deltas, Duration pacing) throws IOException {
        post("/_fake/settings", "{\"reply\":\"" + reply + "\",\"deltas\":" + deltas + ",\"pacingMs\":" + pacing.toMillis() + "}");
    }

    /** HTTP/2 connections that carried requests since the fake started (only the many-streams scenario uses HTTPS). */
    int http2Connections() throws IOException {
        return stat(HTTP2_CONNECTIONS);
    }

    int openStreams() throws IOException {
        return stat(OPEN_STREAMS);
    }

    /** One number of {@code GET /_fake/stats}. */
    private int stat(Pattern field) throws IOException {
        Matcher value = field.matcher(send(HttpRequest.newBuilder(URI.create(baseUrl() + "/_fake/stats")).GET()));
        if (!value.find()) {
            throw new IOException("unexpected stats answer");
        }
        return Integer.parseInt(value.group(1));
    }

    private void post(String path, String json) throws IOException {
        send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private String send(HttpRequest.Builder request) throws IOException {
        try {
            HttpResponse<String> response = control.send(request.timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("fake control answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    @Override
    public void close() {
        control.close();
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
