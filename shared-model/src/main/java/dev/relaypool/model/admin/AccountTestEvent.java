package dev.relaypool.model.admin;

import java.util.Objects;

/**
 * One SSE event of {@code POST /admin/accounts/{id}/test} (event name = {@code stage}): {@code started},
 * {@code connected} (status received), {@code output} (text received), then {@code succeeded} or {@code failed}.
 */
public record AccountTestEvent(String stage, String message, Integer status, Long elapsedMs) {
    public static final String STARTED = "started";
    public static final String CONNECTED = "connected";
    public static final String OUTPUT = "output";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";

    public AccountTestEvent {
        Objects.requireNonNull(stage, "stage");
        message = message == null ? "" : message;
    }
}
