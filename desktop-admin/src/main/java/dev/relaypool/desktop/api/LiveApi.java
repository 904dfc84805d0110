package dev.relaypool.desktop.api;

import java.net.URI;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** {@code GET /api/v1/admin/events}: the live stream of requests, account changes and load snapshots. */
public interface LiveApi {
    /**
     * Opens the stream and keeps it open (reconnecting with {@code Last-Event-ID}) until closed. {@code token} is
     * asked at each connection; the callbacks run on a background thread.
     */
    Subscription subscribe(URI server, Supplier<String> token, Consumer<ServerEvent> onEvent, Consumer<StreamStatus> onStatus);

    static LiveApi http(RestClient rest) {
        return (server, token, onEvent, onStatus) ->
                new EventStream(rest.http(), server, "api/v1/admin/events", token, onEvent, onStatus).start();
    }
}
