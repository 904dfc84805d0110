package dev.relaypool.server.events;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A real SSE client for tests: reads the stream on a virtual thread and hands over complete events. */
final class SseClient implements AutoCloseable {
    record Event(String id, String type, String data) {}

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> comments = new LinkedBlockingQueue<>();
    private final Thread reader;
    private final int status;

    SseClient(String url, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream");
        headers.forEach(request::header);
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient()
                .send(request.build(), HttpResponse.BodyHandlers.ofLines());
        this.status = response.statusCode();
        this.reader = Thread.ofVirtual().start(() -> read(response.body()));
    }

    private void read(Stream<String> lines) {
        String[] current = new String[3];
        try (lines) {
            lines.forEach(line -> {
                if (line.isEmpty()) {
                    if (current[2] != null) {
                        events.add(new Event(current[0], current[1], current[2]));
                    }
                    current[0] = current[1] = current[2] = null;
                } else if (line.startsWith(":")) {
                    comments.add(line.substring(1).strip());
                } else if (line.startsWith("id: ")) {
                    current[0] = line.substring(4);
                } else if (line.startsWith("event: ")) {
                    current[1] = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    current[2] = line.substring(6);
                }
            });
        } catch (RuntimeException closed) {
            // the test closed the stream
        }
    }

    int status() {
        return status;
    }

    /** The next event of {@code type} within {@code wait}, skipping others; null when none came. */
    Event next(String type, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            Event event = events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (event != null && event.type().equals(type)) {
                return event;
            }
        }
        return null;
    }

    List<String> comments() {
        return new ArrayList<>(comments);
    }

    @Override
    public void close() {
        reader.interrupt();
    }

    /** A relayed Anthropic request whose {@code request} event the tests wait for; asserts it was answered 200. */
    static void relayMessage(String baseUrl, String key, String model) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(baseUrl + "/v1/messages")).header("x-api-key", key)
                .header("anthropic-version", "2023-06-01").header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model + "\",\"max_tokens\":16,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("relayed request answered " + response.statusCode() + ": " + response.body());
        }
    }
}
