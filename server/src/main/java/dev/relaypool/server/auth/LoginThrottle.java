package dev.relaypool.server.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed logins per account (e-mail, known or not, so the answer does not reveal which exist) and per
 * client address, over a sliding window. In-process: on several nodes each node counts on its own, which only
 * multiplies the limit by the node count.
 */
public final class LoginThrottle {
    public record Limit(int failures, Duration window) {
        public Limit {
            if (failures < 1 || window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("a limit needs at least one failure and a positive window");
            }
        }
    }

    public sealed interface Decision {
        record Allowed() implements Decision {}

        record Blocked(Duration retryAfter) implements Decision {}
    }

    public static final Limit PER_ACCOUNT = new Limit(5, Duration.ofMinutes(15));
    public static final Limit PER_ADDRESS = new Limit(20, Duration.ofMinutes(15));
    /** Beyond this many tracked keys, expired ones are swept before a new key is added. */
    private static final int SWEEP_THRESHOLD = 10_000;

    private final Clock clock;
    private final Limit perAccount;
    private final Limit perAddress;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    public LoginThrottle(Clock clock, Limit perAccount, Limit perAddress) {
        this.clock = clock;
        this.perAccount = perAccount;
        this.perAddress = perAddress;
    }

    public Decision check(String email, String address) {
        Instant now = clock.instant();
        Duration wait = max(retryAfter(accountKey(email), perAccount, now), retryAfter(addressKey(address), perAddress, now));
        return wait.isZero() ? new Decision.Allowed() : new Decision.Blocked(wait);
    }

    public void recordFailure(String email, String address) {
        Instant now = clock.instant();
        if (failures.size() > SWEEP_THRESHOLD) {
            sweep(now);
        }
        record(accountKey(email), perAccount, now);
        record(addressKey(address), perAddress, now);
    }

    /** A successful login clears the account's failures (not the address's: one good account must not unlock a spray). */
    public void recordSuccess(String email) {
        failures.remove(accountKey(email));
    }

    private void record(String key, Limit limit, Instant now) {
        failures.compute(key, (k, times) -> {
            Deque<Instant> window = times == null ? new ArrayDeque<>() : times;
            window.addLast(now);
            while (window.size() > limit.failures()) {
                window.removeFirst(); // only the last N failures decide: memory per key stays bounded
            }
            return window;
        });
    }

    private Duration retryAfter(String key, Limit limit, Instant now) {
        Duration[] wait = {Duration.ZERO};
        failures.computeIfPresent(key, (k, window) -> {
            if (window.size() >= limit.failures()) {
                Instant free = window.peekFirst().plus(limit.window());
                if (free.isAfter(now)) {
                    wait[0] = Duration.between(now, free);
                }
            }
            return window;
        });
        return wait[0];
    }

    private void sweep(Instant now) {
        Duration longest = max(perAccount.window(), perAddress.window());
        failures.entrySet().removeIf(entry -> {
            Instant last = entry.getValue().peekLast();
            return last == null || !last.plus(longest).isAfter(now);
        });
    }

    private static String accountKey(String email) {
        return "account:" + email.strip().toLowerCase(Locale.ROOT);
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
