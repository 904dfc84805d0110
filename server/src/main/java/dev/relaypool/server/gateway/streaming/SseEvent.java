package dev.relaypool.server.gateway.streaming;

import java.nio.charset.StandardCharsets;

/**
 * One complete server-sent event exactly as received ({@code raw}, including its terminating blank line), with
 * its {@code event:} name and joined {@code data:} lines decoded on demand.
 */
public final class SseEvent {
    private static final byte[] EVENT = "event:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA = "data:".getBytes(StandardCharsets.US_ASCII);

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

    /** Reads the fields straight from the bytes: lines end with CRLF, CR or LF, none of which occurs inside UTF-8. */
    private void parse() {
        if (name != null) {
            return;
        }
        String eventName = "";
        String firstData = null;
        StringBuilder joined = null;
        int i = 0;
        while (i < raw.length) {
            int start = i;
            while (i < raw.length && raw[i] != '\n' && raw[i] != '\r') {
                i++;
            }
            int end = i;
            if (i < raw.length) {
                i += raw[i] == '\r' && i + 1 < raw.length && raw[i + 1] == '\n' ? 2 : 1;
            }
            if (startsWith(start, end, EVENT)) {
                eventName = field(start + EVENT.length, end);
            } else if (startsWith(start, end, DATA)) {
                String line = field(start + DATA.length, end);
                if (firstData == null) {
                    firstData = line;
                } else {
                    if (joined == null) {
                        joined = new StringBuilder(firstData);
                    }
                    joined.append('\n').append(line);
                }
            }
        }
        data = joined != null ? joined.toString() : firstData != null ? firstData : "";
        name = eventName;
    }

    private boolean startsWith(int start, int end, byte[] prefix) {
        if (end - start < prefix.length) {
            return false;
        }
        for (int j = 0; j < prefix.length; j++) {
            if (raw[start + j] != prefix[j]) {
                return false;
            }
        }
        return true;
    }

    /** The value after the field's colon, without the one optional leading space. */
    private String field(int from, int end) {
        int begin = from < end && raw[from] == ' ' ? from + 1 : from;
        return new String(raw, begin, end - begin, StandardCharsets.UTF_8);
    }
}
