package dev.relaypool.desktop.api;

/** Outcome of an authenticated API call. */
public sealed interface ApiResult<T> {
    record Ok<T>(T value) implements ApiResult<T> {}

    /** The access token was not accepted (expired or revoked). */
    record Unauthorized<T>() implements ApiResult<T> {}

    record Unreachable<T>(String detail) implements ApiResult<T> {}

    record Failed<T>(int status, String message) implements ApiResult<T> {}
}
