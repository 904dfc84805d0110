package dev.relaypool.server.scheduling;

import dev.relaypool.server.gateway.FailureClass;
import java.time.Duration;
import java.util.Optional;

/**
 * How long an account rests after a failure: what the provider said (Retry-After and its relatives, already parsed
 * by the gateway) when it said something, else a default per class — long for rejected credentials (a person must
 * look), short for overload. A lone server error (500, or an answer that broke before its first byte) rests only
 * {@code firstServerError}: one blip must not lock a member out of a pool of one for half a minute; a second in a row
 * rests the full {@code serverError}.
 */
public record CooldownPolicy(Duration authRejected, Duration rateLimited, Duration overloaded, Duration serverError,
                             Duration connectFailed, Duration maximum, Duration firstServerError) {
    public static final CooldownPolicy DEFAULTS = new CooldownPolicy(Duration.ofMinutes(30), Duration.ofSeconds(60),
            Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(15), Duration.ofHours(6),
            Duration.ofSeconds(2));

    /** The rest for this failure when it is not the first of its kind in a row. */
    public Optional<Duration> restFor(FailureClass failure, Optional<Duration> providerSaid) {
        return restFor(failure, providerSaid, true);
    }

    /**
     * The rest for this failure, or empty when the account should not cool down (stream failures after the first
     * byte). {@code repeated}: the account already failed so just before, with no success in between.
     */
    public Optional<Duration> restFor(FailureClass failure, Optional<Duration> providerSaid, boolean repeated) {
        Duration fallback = switch (failure) {
            case AUTH_REJECTED -> authRejected;
            case RATE_LIMITED -> rateLimited;
            case OVERLOADED -> overloaded;
            case SERVER_ERROR, EMPTY_ANSWER -> repeated ? serverError : firstServerError;
            case CONNECT_FAILED, HEADER_TIMEOUT -> connectFailed;
            case STREAM_BROKEN, STREAM_IDLE -> null;
        };
        if (fallback == null) {
            return Optional.empty();
        }
        Duration rest = providerSaid.filter(d -> !d.isNegative() && !d.isZero()).orElse(fallback);
        return Optional.of(rest.compareTo(maximum) > 0 ? maximum : rest);
    }

    /** Whether a failure of this class rests briefly the first time (see {@link #firstServerError}). */
    static boolean escalates(FailureClass failure) {
        return failure == FailureClass.SERVER_ERROR || failure == FailureClass.EMPTY_ANSWER;
    }
}
