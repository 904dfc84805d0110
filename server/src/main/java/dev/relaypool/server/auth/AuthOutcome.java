package dev.relaypool.server.auth;

import dev.relaypool.server.api.ApiResponse;
import dev.relaypool.server.api.ErrorCode;
import java.time.Duration;
import java.util.function.Function;

/** The result of an authentication step: done, refused for a stated reason, or refused until later. */
public sealed interface AuthOutcome<T> {
    record Ok<T>(T value) implements AuthOutcome<T> {}

    record Refused<T>(ErrorCode code, String message) implements AuthOutcome<T> {}

    record Throttled<T>(Duration retryAfter) implements AuthOutcome<T> {}

    static <T> AuthOutcome<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> AuthOutcome<T> refused(ErrorCode code, String message) {
        return new Refused<>(code, message);
    }

    /** This refusal as an outcome of another type; only for refusals. */
    default <U> AuthOutcome<U> retyped() {
        return switch (this) {
            case Ok<T> ok -> throw new IllegalStateException("not a refusal");
            case Refused<T>(ErrorCode code, String message) -> new Refused<>(code, message);
            case Throttled<T>(Duration wait) -> new Throttled<>(wait);
        };
    }

    /** The HTTP answer: {@code success} for a value, the error envelope otherwise (429 with Retry-After). */
    default ApiResponse toResponse(Function<T, ApiResponse> success) {
        return switch (this) {
            case Ok<T>(T value) -> success.apply(value);
            case Refused<T>(ErrorCode code, String message) -> ApiResponse.error(code, message);
            case Throttled<T>(Duration wait) -> {
                long seconds = Math.max(1, wait.toSeconds() + (wait.toMillisPart() > 0 ? 1 : 0));
                yield ApiResponse.error(ErrorCode.TOO_MANY_ATTEMPTS, "too many failed attempts; try again in "
                        + seconds + " s").withHeader("Retry-After", Long.toString(seconds));
            }
        };
    }
}
