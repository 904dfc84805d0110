package dev.relaypool.model.api;

import java.util.Objects;

/** A machine-readable {@code code} (snake_case, stable) and a human-readable {@code message}. */
public record ApiError(String code, String message) {
    public ApiError {
        Objects.requireNonNull(code, "code");
        message = message == null ? "" : message;
    }
}
