package dev.relaypool.desktop.api;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a server-sent event stream on its own virtual thread and reconnects after a drop, sending
 * {@code Last-Event-ID} so the server can replay what was missed. The token is asked for at every connection,
 * so a refreshed token is picked up. Callbacks run on the reading thread.
 */
final class EventStream implements Subscription {
    private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);
    private static final Duration MAX_DELAY = Duration.ofSeconds(30);

    private final OkHttpClient http;
    private final URI server;
    private final String path;
    private final Supplier<String> token;
    private final Consumer<ServerEvent> onEvent;
    private final Consumer<StreamStatus> onStatus;
    private volatile boolean closed;
    private volatile Call current;
    private String lastId;

    EventStream(OkHttpClient http, URI server, String path, Supplier<String> token,
                Consumer<ServerEvent> onEvent, Consumer<StreamStatus> onStatus) {
        // no read timeout of its own: the server pings every few seconds, and a silent minute means a dead link
        this.http = http.newBuilder().readTimeout(Duration.ofSeconds(60)).callTimeout(Duration.ZERO).build();
        this.server = server;
        this.path = path;
        this.token = token;
        this.onEvent = onEvent;
        this.onStatus = onStatus;
    }

    EventStream start() {
        Thread.ofVirtual().name("event-stream").start(this::run);
        return this;
    }

    private void run() {
        long delayMillis = 1000;
        onStatus.accept(StreamStatus.CONNECTING);
        while (!closed) { // ends when closed; each pass waits at least a second
            SseParser parser = new SseParser(lastId, onEvent);
            boolean gotEvents = false;
            try {
                Request.Builder request = new Request.Builder().url(RestClient.url(server, path, Map.of()))
                        .header("Accept", "text/event-stream").header("Authorization", "Bearer " + token.get());
                if (lastId != null) {
                    request.header("Last-Event-ID", lastId);
                }
                Call call = http.newCall(request.build());
                current = call;
                try (Response response = call.execute()) {
                    if (response.code() == 401) {
                        onStatus.accept(StreamStatus.UNAUTHORIZED);
                    } else if (response.isSuccessful()) {
                        onStatus.accept(StreamStatus.LIVE);
                        gotEvents = read(response, parser);
                    } else {
                        LOG.info("event stream answered {}", response.code());
                    }
                }
            } catch (IOException | IllegalArgumentException e) {
                if (!closed) {
                    LOG.debug("event stream dropped: {}", e.toString());
                }
            } finally {
                lastId = parser.lastId();
            }
            if (closed) {
                break;
            }
            onStatus.accept(StreamStatus.RECONNECTING);
            delayMillis = gotEvents ? 1000 : Math.min(MAX_DELAY.toMillis(), delayMillis * 2);
            if (parser.retryMillis() >= 0) {
                delayMillis = Math.max(parser.retryMillis(), 250);
            }
            sleep(delayMillis);
        }
        onStatus.accept(StreamStatus.CLOSED);
    }

    private boolean read(Response response, SseParser parser) throws IOException {
        boolean any = false;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body().byteStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null && !closed; line = reader.readLine()) {
                parser.line(line);
                any = true;
            }
        }
        return any;
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    @Override
    public void close() {
        closed = true;
        Call call = current;
        if (call != null) {
            call.cancel();
        }
    }
}
