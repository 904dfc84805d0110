package dev.relaypool.server.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;

/**
 * Per user, the instant before which access tokens are refused ("sign out everywhere", password change, user
 * disabled). Read from the database at most once per {@link #MAX_AGE} per user, so checking a token is almost
 * always memory only. A change made on this node is seen at once; one made on another node within MAX_AGE.
 */
public final class TokensValidAfter {
    static final Duration MAX_AGE = Duration.ofSeconds(10);
    private static final int MAX_ENTRIES = 100_000;

    private record Entry(Instant validAfter, Instant loadedAt) {}

    private final LongFunction<Instant> loader;
    private final Clock clock;
    private final Map<Long, Entry> cache = new ConcurrentHashMap<>();

    /** {@code loader} answers the stored instant of a user, {@link Instant#MAX} when the user is gone. */
    public TokensValidAfter(LongFunction<Instant> loader, Clock clock) {
        this.loader = loader;
        this.clock = clock;
    }

    public boolean accepts(long userId, Instant issuedAt) {
        Instant now = clock.instant();
        Entry entry = cache.get(userId);
        if (entry == null || entry.loadedAt().plus(MAX_AGE).isBefore(now)) {
            if (cache.size() >= MAX_ENTRIES) {
                cache.clear(); // a cache, not a store: dropping it only costs reloads
            }
            entry = new Entry(loader.apply(userId), now);
            cache.put(userId, entry);
        }
        return !issuedAt.isBefore(entry.validAfter());
    }

    /** Records a change made on this node (after it is stored), so this node refuses old tokens at once. */
    public void changed(long userId, Instant validAfter) {
        cache.put(userId, new Entry(validAfter, clock.instant()));
    }
}
