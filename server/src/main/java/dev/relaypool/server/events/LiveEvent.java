package dev.relaypool.server.events;

import java.util.Objects;

/**
 * One event as the SSE stream sends it. {@code id} is what {@code Last-Event-ID} resumes from: the publishing node's
 * id and its sequence number ({@code 3f9a1c07-42}), the same on every node that received the event, so a client
 * may resume on any node; empty for events not worth resuming. {@code position} orders the events of this node's
 * ring (0 = not kept). {@code type} is the SSE event name ({@code request}, {@code account}, {@code snapshot}) and
 * {@code json} the data line.
 */
public record LiveEvent(long position, String id, String type, String json) {
    public LiveEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(json, "json");
        if (json.indexOf('\n') >= 0 || json.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("an SSE data line must be one line");
        }
        if (!id.matches("[0-9A-Za-z-]*")) {
            throw new IllegalArgumentException("an event id is letters, digits and dashes");
        }
    }

    /** The event in SSE wire form. */
    public String wire() {
        return (id.isEmpty() ? "" : "id: " + id + "\n") + "event: " + type + "\ndata: " + json + "\n\n";
    }
}
