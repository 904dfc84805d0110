package dev.relaypool.desktop.api;

import java.util.Objects;

/** One event of the server's live stream: its id (for resuming), its type and its JSON data. */
public record ServerEvent(String id, String type, String data) {
    public ServerEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(data, "data");
    }
}
