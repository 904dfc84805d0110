package dev.relaypool.desktop.api;

import java.util.function.Consumer;

/**
 * Turns the lines of a {@code text/event-stream} into {@link ServerEvent}s (WHATWG rules: {@code data:} lines join
 * with a newline, a blank line dispatches, {@code :} starts a comment, {@code id:} persists across events).
 */
public final class SseParser {
    private final Consumer<ServerEvent> sink;
    private final StringBuilder data = new StringBuilder();
    private String type = "";
    private String lastId;
    private long retryMillis = -1;
    private boolean hasData;

    public SseParser(String lastId, Consumer<ServerEvent> sink) {
        this.lastId = lastId;
        this.sink = sink;
    }

    public void line(String line) {
        if (line.isEmpty()) {
            dispatch();
            return;
        }
        if (line.startsWith(":")) {
            return; // keep-alive comment
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "data" -> {
                if (hasData) {
                    data.append('\n');
                }
                data.append(value);
                hasData = true;
            }
            case "event" -> type = value;
            case "id" -> {
                if (!value.contains("\0")) {
                    lastId = value;
                }
            }
            case "retry" -> {
                if (value.chars().allMatch(Character::isDigit) && !value.isEmpty() && value.length() < 10) {
                    retryMillis = Long.parseLong(value);
                }
            }
            default -> { } // unknown fields are ignored, as the spec says
        }
    }

    private void dispatch() {
        if (hasData) {
            sink.accept(new ServerEvent(lastId, type.isEmpty() ? "message" : type, data.toString()));
        }
        data.setLength(0);
        hasData = false;
        type = "";
    }

    /** The id to send as {@code Last-Event-ID} on reconnection; null before the server gave one. */
    public String lastId() {
        return lastId;
    }

    /** The reconnection delay the server asked for, or -1. */
    public long retryMillis() {
        return retryMillis;
    }
}
