package dev.relaypool.server.coordination.local;

import dev.relaypool.server.coordination.Arguments;
import dev.relaypool.server.coordination.ClusterLocks;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/** Locks in memory: a single node is its own cluster. Expiry by the injected clock, like a Redis lock's TTL. */
final class LocalClusterLocks implements ClusterLocks {
    private record Holder(long token, Instant expiry) {}

    private final Clock clock;
    private final ConcurrentMap<String, Holder> holders = new ConcurrentHashMap<>();
    private final AtomicLong tokens = new AtomicLong();

    LocalClusterLocks(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Optional<ClusterLock> tryLock(String name, Duration leaseTime) {
        Arguments.key(name);
        Arguments.positive(leaseTime, "leaseTime");
        Holder mine = new Holder(tokens.incrementAndGet(), clock.instant().plus(leaseTime));
        Holder now = holders.merge(name, mine, (existing, next) -> live(existing) ? existing : next);
        return now == mine ? Optional.of(new Held(name, mine.token())) : Optional.empty();
    }

    private boolean live(Holder holder) {
        return holder.expiry().isAfter(clock.instant());
    }

    private final class Held implements ClusterLock {
        private final String name;
        private final long token;

        Held(String name, long token) {
            this.name = name;
            this.token = token;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public boolean renew(Duration leaseTime) {
            Arguments.positive(leaseTime, "leaseTime");
            Holder renewed = holders.computeIfPresent(name, (k, holder) -> holder.token() == token && live(holder)
                    ? new Holder(token, clock.instant().plus(leaseTime)) : holder);
            return renewed != null && renewed.token() == token && live(renewed);
        }

        @Override
        public void close() {
            holders.computeIfPresent(name, (k, holder) -> holder.token() == token ? null : holder);
        }
    }
}
