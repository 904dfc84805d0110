package dev.relaypool.server.reliability;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import okhttp3.ConnectionPool;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Concurrent Anthropic-protocol clients, half streaming, half not, each sending one request after another until
 * {@link #stop()} (or its own bound of requests). Every request's outcome is kept as the client saw it: whether
 * the answer arrived completely (a 200 whose stream reached {@code message_stop}, or a whole JSON body).
 */
final class Load implements AutoCloseable {
    private static final MediaType JSON = MediaType.get("application/json");
    private static final int MAX_REQUESTS_PER_CLIENT = 400;

    /** What one client saw: the relay's request id (null when no headers came), status (0 = no answer). */
    record Outcome(String requestId, int status, boolean complete, boolean stream, String body) {
        /**
         * Refused cleanly in the Anthropic protocol: a 503 error body, or, for a stream whose status line keep-alive
         * pings had already sent while admission waited, an in-band error event before any content.
         */
        boolean refused() {
            return status == 503 && body.contains("\"type\":\"error\"")
                    || stream && status == 200 && body.contains("event: error") && !body.contains("message_start");
        }
    }

    private final OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(30))
            .connectTimeout(Duration.ofSeconds(2)).connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS))
            .retryOnConnectionFailure(false).build();
    private final ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final List<Thread> clients;

    private Load(Supplier<String> baseUrl, String key, int clients, Duration pauseAfterFailure) {
        this.clients = java.util.stream.IntStream.range(0, clients).mapToObj(i -> Thread.ofPlatform()
                .name("load-" + i).daemon().start(() -> run(baseUrl, key, i % 2 == 0, pauseAfterFailure))).toList();
    }

    /** {@code baseUrl} is asked before every request, so the load can follow a relay that was restarted. */
    static Load start(Supplier<String> baseUrl, String key, int clients) {
        return new Load(baseUrl, key, clients, Duration.ofMillis(100));
    }

    /** Stops sending and waits (bounded) for the requests in flight to end. */
    List<Outcome> stop() {
        stopped.set(true);
        for (Thread client : clients) {
            try {
                client.join(Duration.ofSeconds(40));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return List.copyOf(outcomes);
    }

    List<Outcome> soFar() {
        return List.copyOf(outcomes);
    }

    static Set<String> completeIds(List<Outcome> outcomes) {
        return outcomes.stream().filter(Outcome::complete).map(Outcome::requestId).collect(Collectors.toSet());
    }

    @Override
    public void close() {
        stop();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    private void run(Supplier<String> baseUrl, String key, boolean stream, Duration pauseAfterFailure) {
        for (int n = 0; n < MAX_REQUESTS_PER_CLIENT && !stopped.get(); n++) {
            Outcome outcome = send(baseUrl.get(), key, stream);
            outcomes.add(outcome);
            if (!outcome.complete()) {
                RelayProcess.sleep(pauseAfterFailure.toMillis());
            }
        }
    }

    private Outcome send(String baseUrl, String key, boolean stream) {
        Request request = new Request.Builder().url(baseUrl + "/v1/messages").header("x-api-key", key)
                .post(RequestBody.create("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"stream\":" + stream
                        + ",\"messages\":[{\"role\":\"user\",\"content\":\"count\"}]}", JSON))
                .build();
        String requestId = null;
        int status = 0;
        try (Response response = http.newCall(request).execute()) {
            requestId = response.header("x-relaypool-request-id");
            status = response.code();
            String body = response.body().string();
            boolean complete = status == 200 && (stream
                    ? body.contains("event: message_stop") && !body.contains("event: error")
                    : body.contains("\"stop_reason\""));
            return new Outcome(requestId, status, complete, stream, body);
        } catch (IOException e) {
            return new Outcome(requestId, status, false, stream, "failed: " + e);
        }
    }
}
