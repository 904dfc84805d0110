package dev.relaypool.model.api;

import java.util.Objects;

/** The body of every non-2xx answer of the REST API: {@code {"error":{"code":...,"message":...}}}. */
public record ErrorResponse(ApiError error) {
    public ErrorResponse {
        Objects.requireNonNull(error, "error");
    }

    public static ErrorResponse of(String code, String message) {
        return new ErrorResponse(new ApiError(code, message));
    }
}
