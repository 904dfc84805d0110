package dev.relaypool.server.gateway;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.relaypool.server.gateway.RequestEnvelope.Splice;
import java.io.IOException;
import java.util.Optional;

/**
 * Finds, in a top-level {@code stream_options} value, the smallest byte edit that makes {@code include_usage} true:
 * the client's other options (such as {@code include_obfuscation}) and every other byte stay as sent.
 */
final class StreamOptions {
    private static final String INCLUDE_USAGE = "\"include_usage\":true";

    private StreamOptions() {}

    /** Called with the parser on the value's first token; leaves it on the value's last. Empty: usage is asked for. */
    static Optional<Splice> usageOption(JsonParser parser, JsonToken value) throws IOException {
        int start = EnvelopeReader.offset(parser.currentTokenLocation());
        if (value != JsonToken.START_OBJECT) { // null, or junk the provider would reject anyway
            return Optional.of(new Splice(start, end(parser, value), "{" + INCLUDE_USAGE + "}"));
        }
        Splice existing = null;
        boolean requested = false;
        boolean empty = true;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            empty = false;
            String field = parser.currentName();
            JsonToken inner = parser.nextToken();
            int innerStart = EnvelopeReader.offset(parser.currentTokenLocation());
            int innerEnd = end(parser, inner);
            if (field.equals("include_usage")) { // a repeated key: the last one counts, as in most JSON readers
                requested = inner == JsonToken.VALUE_TRUE;
                existing = new Splice(innerStart, innerEnd, "true");
            }
        }
        if (requested) {
            return Optional.empty();
        }
        if (existing != null) {
            return Optional.of(existing); // false (or null): a duplicate key upstream would be read either way
        }
        return Optional.of(new Splice(start + 1, start + 1, empty ? INCLUDE_USAGE : INCLUDE_USAGE + ","));
    }

    /** The byte offset just past the current value, consuming it whole. */
    private static int end(JsonParser parser, JsonToken value) throws IOException {
        switch (value) {
            case START_OBJECT, START_ARRAY -> parser.skipChildren();
            case VALUE_STRING -> parser.getText(); // strings are read lazily; this completes the token
            default -> { }
        }
        return EnvelopeReader.offset(parser.currentLocation());
    }
}
