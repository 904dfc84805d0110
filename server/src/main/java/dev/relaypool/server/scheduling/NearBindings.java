package dev.relaypool.server.scheduling;

import dev.relaypool.server.coordination.StickyBindings;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This node's recent view of the shared sticky bindings, so that a busy session costs no coordination round trip
 * per request (with Redis: one read and one write each). A binding read less than {@code fresh} ago is trusted, and a
 * binding this node wrote less than {@code fresh} ago with the same account is not written again (its shared TTL is
 * still nearly whole). The price: another node's change of a session's account is seen here up to {@code fresh}
 * late; the session then lands where this node last saw it, which costs at most a cache miss upstream.
 */
final class NearBindings {
    private static final Duration MAX_FRESH = Duration.ofSeconds(10);
    private static final int MAX_ENTRIES = 100_000;

    private record Seen(String account, long readAtMillis, long writtenAtMillis) {}

    private final StickyBindings shared;
    private final Clock clock;
    private final long freshMillis;
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();
    private volatile long lastSweepMillis;

    NearBindings(StickyBindings shared, Duration stickyTtl, Clock clock) {
        this.shared = shared;
        this.clock = clock;
        // a binding must never be trusted here longer than half its shared lifetime
        this.freshMillis = Math.min(MAX_FRESH.toMillis(), stickyTtl.toMillis() / 2);
    }

    Optional<String> get(String key) {
        long now = clock.millis();
        Seen known = seen.get(key);
        if (known != null && now - known.readAtMillis < freshMillis) {
            return Optional.of(known.account);
        }
        Optional<String> account = shared.get(key);
        account.ifPresentOrElse(a -> remember(key, new Seen(a, now, known != null && known.account.equals(a)
                ? known.writtenAtMillis : Long.MIN_VALUE / 2)), () -> seen.remove(key));
        return account;
    }

    void put(String key, String account, Duration ttl) {
        long now = clock.millis();
        Seen known = seen.get(key);
        if (known != null && known.account.equals(account) && now - known.writtenAtMillis < freshMillis) {
            return;
        }
        shared.put(key, account, ttl);
        remember(key, new Seen(account, now, now));
    }

    boolean removeIfValue(String key, String account) {
        seen.remove(key);
        return shared.removeIfValue(key, account);
    }

    private void remember(String key, Seen entry) {
        long now = entry.readAtMillis;
        if (now - lastSweepMillis >= freshMillis) {
            // an entry neither read nor written within `fresh` decides nothing any more: only recent sessions stay
            lastSweepMillis = now;
            seen.values().removeIf(e -> now - Math.max(e.readAtMillis, e.writtenAtMillis) >= freshMillis);
        }
        if (seen.size() >= MAX_ENTRIES) {
            seen.clear(); // a burst of new sessions within `fresh`: crude but bounded
        }
        seen.put(key, entry);
    }

    /** How many sessions this node remembers (for tests). */
    int size() {
        return seen.size();
    }
}
