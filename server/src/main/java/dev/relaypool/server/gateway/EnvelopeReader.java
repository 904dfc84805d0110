package dev.relaypool.server.gateway;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.relaypool.server.gateway.RequestEnvelope.Splice;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads model, stream flag and {@code stream_options} from a JSON body with a streaming parser:
 * nested content is skipped token by token, never built into objects, and the whole body is checked to be one JSON
 * object so that a broken body gets a 400 here instead of costing an upstream attempt.
 */
final class EnvelopeReader {
    sealed interface Result {
        record Read(RequestEnvelope envelope) implements Result {}

        record Invalid(GatewayError error) implements Result {}
    }

    private static final JsonFactory JSON = dev.relaypool.server.api.Json.factory()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build())
            .build();

    private EnvelopeReader() {}

    /** {@code pathModel}: the model from the path (Gemini), which makes the body's {@code model} irrelevant. */
    static Result read(byte[] body, Optional<String> pathModel, boolean streamByPath) {
        return read(body, pathModel, streamByPath, null);
    }

    /**
     * The same, also handing the fields a session key is made of to {@code session} (may be null) in this one pass,
     * so the body is not parsed a second time for sticky routing.
     */
    static Result read(byte[] body, Optional<String> pathModel, boolean streamByPath, SessionKeys.Material session) {
        String model = null;
        int start = -1;
        int end = -1;
        boolean stream = streamByPath;
        Optional<Splice> usageOption = Optional.empty();
        boolean optionsSeen = false;
        int objectStart;
        boolean empty = true;
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return new Result.Invalid(GatewayError.MALFORMED_JSON);
            }
            objectStart = offset(parser.currentTokenLocation()) + 1;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                empty = false;
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "model" -> {
                        if (model != null) {
                            return new Result.Invalid(GatewayError.MALFORMED_JSON); // which one would upstream bill?
                        }
                        if (value != JsonToken.VALUE_STRING) {
                            return new Result.Invalid(GatewayError.INVALID_MODEL);
                        }
                        start = offset(parser.currentTokenLocation());
                        model = parser.getText(); // completes the token, so the location below is past its end
                        end = offset(parser.currentLocation());
                    }
                    case "stream" -> stream = streamByPath || value == JsonToken.VALUE_TRUE;
                    case "stream_options" -> { // a repeated key: the last one counts
                        usageOption = StreamOptions.usageOption(parser, value);
                        optionsSeen = true;
                    }
                    default -> {
                        if (session == null || !session.take(parser, field, value)) {
                            parser.skipChildren();
                        }
                    }
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
                return new Result.Invalid(GatewayError.MALFORMED_JSON);
            }
        } catch (IOException e) {
            return new Result.Invalid(GatewayError.MALFORMED_JSON);
        }
        if (!validUtf8(body)) { // skipped strings are not decoded, so the parser alone would let these through
            return new Result.Invalid(GatewayError.MALFORMED_JSON);
        }
        if (!optionsSeen) {
            String option = "\"stream_options\":{\"include_usage\":true}";
            usageOption = Optional.of(new Splice(objectStart, objectStart, empty ? option : option + ","));
        }
        if (pathModel.isPresent()) {
            return new Result.Read(new RequestEnvelope(pathModel.get(), stream, -1, -1, usageOption));
        }
        if (model == null || model.isBlank()) {
            return new Result.Invalid(GatewayError.MISSING_MODEL);
        }
        if (model.length() > 200 || model.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return new Result.Invalid(GatewayError.INVALID_MODEL);
        }
        return new Result.Read(new RequestEnvelope(model, stream, start, end, usageOption));
    }

    /**
     * JSON is UTF-8 (RFC 8259): whether {@code body} is well-formed UTF-8 (Unicode 3.9, table 3-7: no overlong forms,
     * no surrogates, nothing above U+10FFFF, no cut sequence), checked in place without decoding or allocating.
     */
    static boolean validUtf8(byte[] body) {
        int i = 0;
        int n = body.length;
        while (i < n) {
            int lead = body[i];
            if (lead >= 0) { // ASCII, the usual case
                i++;
                continue;
            }
            lead &= 0xFF;
            if (lead < 0xC2 || lead > 0xF4) { // a continuation byte, an overlong two-byte lead, or beyond U+10FFFF
                return false;
            }
            int length = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
            if (i + length > n) {
                return false;
            }
            int second = body[i + 1] & 0xFF;
            int low = lead == 0xE0 ? 0xA0 : lead == 0xF0 ? 0x90 : 0x80; // no overlong three- or four-byte forms
            int high = lead == 0xED ? 0x9F : lead == 0xF4 ? 0x8F : 0xBF; // no surrogates, nothing above U+10FFFF
            if (second < low || second > high) {
                return false;
            }
            for (int k = 2; k < length; k++) {
                if ((body[i + k] & 0xC0) != 0x80) {
                    return false;
                }
            }
            i += length;
        }
        return true;
    }

    static int offset(JsonLocation location) {
        return (int) location.getByteOffset();
    }
}
