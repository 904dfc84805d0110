package dev.relaypool.server.scheduling;

import dev.relaypool.server.gateway.FailureClass;
import java.time.Duration;
import java.util.Optional;

/**
 * How long an account rests after a failure: what the provider said (Retry-After and its relatives, already parsed
 * by the gateway) when it said something, else a default per class — long for rejected credentials (a person must
 * look), short for overload.
 */
public record CooldownPolicy(Duration authRejected, Duration rateLimited, Duration overloaded, Duration serverError,
                             Duration connectFailed, Duration maximum) {
    public static final CooldownPolicy DEFAULTS = new CooldownPolicy(Duration.ofMinutes(30), Duration.ofSeconds(60),
            Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(15), Duration.ofHours(6));

    /** The rest for this failure, or empty when the account should not cool down (stream failures after the first byte). */
    public Optional<Duration> restFor(FailureClass failure, Optional<Duration> providerSaid) {
        Duration fallback = switch (failure) {
            case AUTH_REJECTED -> authRejected;
            case RATE_LIMITED -> rateLimited;
            case OVERLOADED -> overloaded;
            case SERVER_ERROR, EMPTY_ANSWER -> serverError;
            case CONNECT_FAILED, HEADER_TIMEOUT -> connectFailed;
            case STREAM_BROKEN, STREAM_IDLE -> null;
        };
        if (fallback == null) {
            return Optional.empty();
        }
        Duration rest = providerSaid.filter(d -> !d.isNegative() && !d.isZero()).orElse(fallback);
        return Optional.of(rest.compareTo(maximum) > 0 ? maximum : rest);
    }
}
