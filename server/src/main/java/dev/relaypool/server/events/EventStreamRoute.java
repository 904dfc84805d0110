package dev.relaypool.server.events;

import dev.relaypool.model.admin.LiveRequest;
import dev.relaypool.server.api.Access;
import dev.relaypool.server.api.ApiRequest;
import dev.relaypool.server.api.ApiResponse;
import dev.relaypool.server.api.Route;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /api/v1/admin/events}: server-sent events {@code request}, {@code account} and {@code snapshot}, with a
 * comment line as heartbeat while nothing happens. {@code Last-Event-ID} (or {@code ?lastEventId=}) resumes from
 * the ring of whichever node serves the stream (ids are cluster-wide). A stream ends after {@code maxLife} (the client reconnects and resumes) or when its client falls too
 * far behind, so every loop here is bounded.
 */
public final class EventStreamRoute {
    private final LiveEvents events;
    private final Duration heartbeat;
    private final Duration maxLife;

    public EventStreamRoute(LiveEvents events, Duration heartbeat, Duration maxLife) {
        this.events = events;
        this.heartbeat = heartbeat;
        this.maxLife = maxLife;
    }

    public List<Route<?>> routes() {
        return List.of(Route.of("GET", "/api/v1/admin/events", Access.ADMIN,
                "Live events as text/event-stream: request (LiveRequest), account (LiveAccountState), snapshot "
                        + "(LiveSnapshot); resumable with Last-Event-ID", LiveRequest.class, this::stream));
    }

    private ApiResponse stream(ApiRequest<Void> request) {
        String lastId = lastEventId(request);
        return ApiResponse.streamed("text/event-stream; charset=utf-8", out -> {
            try (LiveEvents.Listener listener = events.listen(lastId)) {
                pump(listener, out);
            }
        }).withHeader("X-Accel-Buffering", "no");
    }

    private void pump(LiveEvents.Listener listener, OutputStream out) throws IOException {
        long sent = 0; // ring position of the last event written: events both in the backlog and queued go once
        write(out, "retry: 3000\n: connected\n\n");
        for (LiveEvent event : listener.backlog) {
            write(out, event.wire());
            sent = event.position();
        }
        long deadline = System.nanoTime() + maxLife.toNanos();
        while (System.nanoTime() < deadline && !listener.overflowed()) {
            LiveEvent event;
            try {
                event = listener.queue.poll(heartbeat.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (event == null) {
                write(out, ": heartbeat\n\n");
            } else if (event.position() == 0) {
                write(out, event.wire());
            } else if (event.position() > sent) {
                write(out, event.wire());
                sent = event.position();
            }
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** The id to resume after; empty (no backlog) when absent, "0" or not shaped like an id. */
    private static String lastEventId(ApiRequest<Void> request) {
        String value = request.header("last-event-id").or(() -> request.queryParameter("lastEventId")).orElse("").strip();
        return value.equals("0") || value.length() > 40 || !value.matches("[0-9A-Za-z-]*") ? "" : value;
    }
}
