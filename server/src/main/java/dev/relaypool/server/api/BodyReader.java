package dev.relaypool.server.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.util.stream.Collectors;

/** Reads and parses a route's JSON body; a bad body is an answer (400 naming the problem), not an exception. */
final class BodyReader {
    private static final byte[] EMPTY_OBJECT = {'{', '}'};

    private BodyReader() {}

    sealed interface Parsed<T> {
        record Ok<T>(T value) implements Parsed<T> {}

        record Failed<T>(ApiResponse error) implements Parsed<T> {}
    }

    static <T> Parsed<T> read(HttpServerExchange exchange, Class<T> type) {
        if (type == Void.class) {
            return new Parsed.Ok<>(null);
        }
        byte[] bytes;
        try {
            bytes = ApiHandler.readBody(exchange);
        } catch (IOException e) {
            return failed(ErrorCode.INVALID_REQUEST, "the request body could not be read");
        }
        if (bytes.length > ApiHandler.MAX_BODY_BYTES) {
            return failed(ErrorCode.PAYLOAD_TOO_LARGE, "the request body is larger than " + ApiHandler.MAX_BODY_BYTES + " bytes");
        }
        return parse(bytes, type);
    }

    static <T> Parsed<T> parse(byte[] bytes, Class<T> type) {
        if (bytes.length == 0) {
            bytes = EMPTY_OBJECT; // bodies whose fields are all optional may be left out; required fields are named below
        }
        try {
            T value = Json.MAPPER.readValue(bytes, type);
            if (value == null) {
                return failed(ErrorCode.INVALID_JSON, "the request body must be a JSON object, not null");
            }
            return new Parsed.Ok<>(value);
        } catch (ValueInstantiationException e) {
            // the record's compact constructor refused a value; its message names the field
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return failed(ErrorCode.INVALID_REQUEST, cause.getMessage() == null ? "invalid request" : cause.getMessage());
        } catch (JsonMappingException e) {
            return failed(ErrorCode.INVALID_JSON, describe(e) + fieldPath(e));
        } catch (JsonProcessingException e) {
            return failed(ErrorCode.INVALID_JSON, "malformed JSON" + at(e.getLocation()) + ": " + describe(e));
        } catch (IOException e) {
            return failed(ErrorCode.INVALID_JSON, "the request body could not be read as JSON");
        }
    }

    private static String describe(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        int end = message == null ? -1 : message.indexOf('\n');
        return message == null ? "invalid JSON" : end < 0 ? message : message.substring(0, end);
    }

    private static String fieldPath(JsonMappingException e) {
        if (e.getPath().isEmpty()) {
            return "";
        }
        return " (at " + e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")) + ")";
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 0 ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static <T> Parsed<T> failed(ErrorCode code, String message) {
        return new Parsed.Failed<>(ApiResponse.error(code, message));
    }
}
