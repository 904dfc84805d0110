package dev.relaypool.fake;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * The few top-level request fields the fake needs (model, stream, stream_options.include_usage), read with a
 * streaming parser that skips everything else, so large prompts cost no tree allocation.
 */
record Envelope(String model, boolean stream, boolean includeUsage) {
    static final Envelope EMPTY = new Envelope(null, false, false);

    static Envelope parse(byte[] body) {
        if (body.length == 0) {
            return EMPTY;
        }
        String model = null;
        boolean stream = false;
        boolean includeUsage = false;
        try (JsonParser p = Json.MAPPER.getFactory().createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return EMPTY;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "model" -> model = value == JsonToken.VALUE_STRING ? p.getText() : model;
                    case "stream" -> stream = value == JsonToken.VALUE_TRUE;
                    case "stream_options" -> includeUsage = value == JsonToken.START_OBJECT && readIncludeUsage(p);
                    default -> p.skipChildren();
                }
            }
        } catch (IOException e) {
            // Not JSON: answer anyway, the fake is not a validator.
            return new Envelope(model, stream, includeUsage);
        }
        return new Envelope(model, stream, includeUsage);
    }

    private static boolean readIncludeUsage(JsonParser p) throws IOException {
        boolean include = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (field.equals("include_usage")) {
                include = value == JsonToken.VALUE_TRUE;
            } else {
                p.skipChildren();
            }
        }
        return include;
    }
}
