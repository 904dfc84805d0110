package dev.relaypool.fake;

import java.time.Duration;
import java.util.Objects;

/**
 * How the fake answers one request. Closed set: a normal answer (optionally slow), an error in the provider's
 * envelope, a request never answered, a connection dropped or reset before the headers, or a stream that breaks.
 */
public sealed interface Behaviour {

    /** Default retry delay advertised by rate-limit faults. */
    Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(30);

    /**
     * A normal answer. {@code firstTokenDelay} delays the first text delta of a stream (or the headers of a JSON
     * answer); {@code pacing}, when not null, replaces the fake's pacing between stream events.
     */
    record Answer(Duration firstTokenDelay, Duration pacing) implements Behaviour {
        public Answer {
            Objects.requireNonNull(firstTokenDelay, "firstTokenDelay");
            requireNotNegative(firstTokenDelay);
            if (pacing != null) {
                requireNotNegative(pacing);
            }
        }
    }

    /** An error status with the provider's headers and error envelope. */
    record Fail(ErrorKind kind, Duration retryAfter) implements Behaviour {
        public Fail {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(retryAfter, "retryAfter");
            requireNotNegative(retryAfter);
        }
    }

    /** Accept the request, never send headers: the client must give up (or the fake closes). */
    record NeverAnswer() implements Behaviour {}

    /** Drop the connection after reading the request, before any status line (a FIN). */
    record DropBeforeHeaders() implements Behaviour {}

    /** Reset the connection after reading the request, before any status line (a TCP RST: SO_LINGER 0). */
    record ResetBeforeHeaders() implements Behaviour {}

    /** Answer normally for {@code afterEvents} events (JSON: half the body), then break as {@code how} says. */
    record BrokenStream(Break how, int afterEvents) implements Behaviour {
        public BrokenStream {
            Objects.requireNonNull(how, "how");
            if (afterEvents < 0) {
                throw new IllegalArgumentException("afterEvents must not be negative");
            }
        }
    }

    enum Break {
        /** Stop sending but keep the connection open. */
        STALL,
        /** Close the connection mid-stream, without the chunked terminator. */
        CUT,
        /** Send one event whose data is not valid JSON, then carry on. */
        MALFORMED,
        /** End the response cleanly but leave out the protocol's terminating event (message_stop, [DONE], ...). */
        NO_TERMINAL
    }

    static Behaviour answer() {
        return new Answer(Duration.ZERO, null);
    }

    static Behaviour slowFirstToken(Duration delay) {
        return new Answer(delay, null);
    }

    static Behaviour paced(Duration pacing) {
        return new Answer(Duration.ZERO, Objects.requireNonNull(pacing, "pacing"));
    }

    static Behaviour fail(ErrorKind kind) {
        return new Fail(kind, DEFAULT_RETRY_AFTER);
    }

    /** {@code retryAfter} zero: a 429 that gives no retry hint at all. */
    static Behaviour rateLimited(Duration retryAfter) {
        return new Fail(ErrorKind.RATE_LIMITED, retryAfter);
    }

    static Behaviour quotaExhausted(Duration retryAfter) {
        return new Fail(ErrorKind.QUOTA_EXHAUSTED, retryAfter);
    }

    static Behaviour overloaded() {
        return fail(ErrorKind.OVERLOADED);
    }

    static Behaviour unauthorized() {
        return fail(ErrorKind.UNAUTHORIZED);
    }

    static Behaviour forbidden() {
        return fail(ErrorKind.FORBIDDEN);
    }

    static Behaviour contextTooLong() {
        return fail(ErrorKind.CONTEXT_TOO_LONG);
    }

    static Behaviour contentPolicy() {
        return fail(ErrorKind.CONTENT_POLICY);
    }

    static Behaviour serverError() {
        return fail(ErrorKind.SERVER_ERROR);
    }

    static Behaviour neverAnswer() {
        return new NeverAnswer();
    }

    static Behaviour dropBeforeHeaders() {
        return new DropBeforeHeaders();
    }

    static Behaviour resetBeforeHeaders() {
        return new ResetBeforeHeaders();
    }

    static Behaviour stallAfter(int events) {
        return new BrokenStream(Break.STALL, events);
    }

    static Behaviour cutAfter(int events) {
        return new BrokenStream(Break.CUT, events);
    }

    static Behaviour malformedAfter(int events) {
        return new BrokenStream(Break.MALFORMED, events);
    }

    static Behaviour noTerminalEvent() {
        return new BrokenStream(Break.NO_TERMINAL, Integer.MAX_VALUE);
    }

    private static void requireNotNegative(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("durations must not be negative: " + d);
        }
    }
}
