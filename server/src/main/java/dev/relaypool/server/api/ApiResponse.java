package dev.relaypool.server.api;

import dev.relaypool.model.api.ErrorResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A handler's answer as a value: status, JSON body (null = no body), extra headers and cookies. Errors are
 * answers too ({@link #error}), so expected failures never travel as exceptions.
 */
public record ApiResponse(int status, Object body, Map<String, String> headers, List<ResponseCookie> cookies) {
    public ApiResponse {
        headers = Map.copyOf(headers);
        cookies = List.copyOf(cookies);
    }

    /**
     * A cookie to set; {@code maxAge} zero deletes it. Always HttpOnly and SameSite=Strict; Secure is added by
     * the framework when the request came over HTTPS.
     */
    public record ResponseCookie(String name, String value, String path, Duration maxAge) {
        public ResponseCookie {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(maxAge, "maxAge");
        }
    }

    public static ApiResponse ok(Object body) {
        return new ApiResponse(200, Objects.requireNonNull(body, "body"), Map.of(), List.of());
    }

    public static ApiResponse created(Object body) {
        return new ApiResponse(201, Objects.requireNonNull(body, "body"), Map.of(), List.of());
    }

    /**
     * A body written as it is produced (server-sent events, CSV exports), with its own content type; no
     * Content-Length. The writer runs on the request's virtual thread; an IOException means the client left.
     */
    public static ApiResponse streamed(String contentType, StreamedBody body) {
        return new ApiResponse(200, new Streamed(contentType, body), Map.of(), List.of());
    }

    /** Writes a streamed body to the client. */
    @FunctionalInterface
    public interface StreamedBody {
        void writeTo(java.io.OutputStream out) throws java.io.IOException;
    }

    record Streamed(String contentType, StreamedBody body) {}

    public static ApiResponse noContent() {
        return new ApiResponse(204, null, Map.of(), List.of());
    }

    public static ApiResponse error(ErrorCode code, String message) {
        return new ApiResponse(code.status(), ErrorResponse.of(code.wireCode(), message), Map.of(), List.of());
    }

    public boolean isError() {
        return status >= 400;
    }

    public ApiResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ApiResponse(status, body, more, cookies);
    }

    public ApiResponse withCookie(ResponseCookie cookie) {
        List<ResponseCookie> more = new ArrayList<>(cookies);
        more.add(cookie);
        return new ApiResponse(status, body, headers, more);
    }
}
