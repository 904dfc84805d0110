package dev.relaypool.server.gateway;

import java.util.Optional;

/**
 * Why one upstream attempt failed, reported to the scheduler (cool-downs) and deciding failover: only failures
 * before the first byte reached the client may fail over, and only those that another account might not have.
 */
public enum FailureClass {
    CONNECT_FAILED(true, GatewayError.UPSTREAM_UNAVAILABLE),
    HEADER_TIMEOUT(true, GatewayError.UPSTREAM_TIMEOUT),
    /** 401/403 from the provider: the account's credential is wrong, expired or banned — not the member's fault. */
    AUTH_REJECTED(true, GatewayError.UPSTREAM_UNAVAILABLE),
    RATE_LIMITED(true, GatewayError.UPSTREAM_RATE_LIMITED),
    OVERLOADED(true, GatewayError.UPSTREAM_OVERLOADED),
    SERVER_ERROR(true, GatewayError.UPSTREAM_UNAVAILABLE),
    /** The answer broke before anything reached the client (e.g. closed right after the headers). */
    EMPTY_ANSWER(true, GatewayError.UPSTREAM_UNAVAILABLE),
    /** After the first byte: nothing can be retried, the client gets an in-band error event. */
    STREAM_BROKEN(false, GatewayError.STREAM_INTERRUPTED),
    STREAM_IDLE(false, GatewayError.STREAM_INTERRUPTED);

    private final boolean failover;
    private final GatewayError error;

    FailureClass(boolean failover, GatewayError error) {
        this.failover = failover;
        this.error = error;
    }

    /** Whether another account may be tried (only ever before the first byte). */
    public boolean failover() { return failover; }

    /** What the client is told when this is the last failure of its request. */
    public GatewayError error() { return error; }

    /**
     * The failure an upstream HTTP status means, or empty when the status is the answer itself (2xx, or a 4xx
     * about the request such as 400/404/413 that every account would give alike and that the client must see).
     */
    public static Optional<FailureClass> ofStatus(int status) {
        if (status == 401 || status == 403) {
            return Optional.of(AUTH_REJECTED);
        }
        if (status == 429) {
            return Optional.of(RATE_LIMITED);
        }
        if (status == 529 || status == 503) { // OpenAI and Gemini say "overloaded" with a 503
            return Optional.of(OVERLOADED);
        }
        if (status == 408 || status >= 500) {
            return Optional.of(SERVER_ERROR);
        }
        return Optional.empty();
    }
}
