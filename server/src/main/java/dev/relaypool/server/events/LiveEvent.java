package dev.relaypool.server.events;

import java.util.Objects;

/**
 * One event as the SSE stream sends it: {@code id} is this node's sequence number (what {@code Last-Event-ID}
 * resumes from), {@code type} the SSE event name ({@code request}, {@code account}, {@code snapshot}) and
 * {@code json} the data line.
 */
public record LiveEvent(long id, String type, String json) {
    public LiveEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(json, "json");
        if (json.indexOf('\n') >= 0 || json.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("an SSE data line must be one line");
        }
    }

    /** The event in SSE wire form. */
    public String wire() {
        return "id: " + id + "\nevent: " + type + "\ndata: " + json + "\n\n";
    }
}
