package dev.relaypool.server.gateway.streaming;

import java.nio.charset.StandardCharsets;

/**
 * One complete server-sent event exactly as received ({@code raw}, including its terminating blank line), with
 * its {@code event:} name and joined {@code data:} lines decoded on demand.
 */
public final class SseEvent {
    private final byte[] raw;
    private String name;
    private String data;

    public SseEvent(byte[] raw) {
        this.raw = raw;
    }

    public byte[] raw() {
        return raw;
    }

    /** The {@code event:} field, or empty when the event has none (OpenAI chat, Gemini). */
    public String name() {
        parse();
        return name;
    }

    /** The {@code data:} lines joined by newlines, or empty. */
    public String data() {
        parse();
        return data;
    }

    /** A cheap test on the raw bytes before paying for a JSON parse. */
    public boolean contains(String ascii) {
        byte[] needle = ascii.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i <= raw.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (raw[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private void parse() {
        if (name != null) {
            return;
        }
        String eventName = "";
        StringBuilder joined = null;
        for (String line : new String(raw, StandardCharsets.UTF_8).split("\r\n|\r|\n")) {
            if (line.startsWith("event:")) {
                eventName = field(line, 6);
            } else if (line.startsWith("data:")) {
                joined = joined == null ? new StringBuilder() : joined.append('\n');
                joined.append(field(line, 5));
            }
        }
        data = joined == null ? "" : joined.toString();
        name = eventName;
    }

    private static String field(String line, int colonEnd) {
        return line.startsWith(" ", colonEnd) ? line.substring(colonEnd + 1) : line.substring(colonEnd);
    }
}
