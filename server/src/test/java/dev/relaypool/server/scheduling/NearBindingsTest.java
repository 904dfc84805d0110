package dev.relaypool.server.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.server.coordination.StickyBindings;
import dev.relaypool.server.coordination.local.LocalCoordination;
import dev.relaypool.server.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class NearBindingsTest {
    private static final Duration TTL = Duration.ofMinutes(30);

    private final TestClock clock = new TestClock(Instant.parse("2026-11-23T10:00:00Z"));
    private final StickyBindings real = new LocalCoordination(clock).stickyBindings();
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicInteger writes = new AtomicInteger();
    /** The shared bindings as another node sees them, counting what this node asks of them. */
    private final StickyBindings shared = new StickyBindings() {
        public Optional<String> get(String key) {
            reads.incrementAndGet();
            return real.get(key);
        }

        public void put(String key, String value, Duration ttl) {
            writes.incrementAndGet();
            real.put(key, value, ttl);
        }

        public boolean touch(String key, Duration ttl) {
            return real.touch(key, ttl);
        }

        public void remove(String key) {
            real.remove(key);
        }

        public boolean removeIfValue(String key, String value) {
            return real.removeIfValue(key, value);
        }
    };
    private final NearBindings near = new NearBindings(shared, TTL, clock);

    @Test
    void aBusySessionCostsOneReadAndOneWriteEveryTenSecondsNotOnePerRequest() {
        near.put("s", "7", TTL);
        for (int i = 0; i < 50; i++) {
            assertThat(near.get("s")).contains("7");
            near.put("s", "7", TTL);
            clock.advance(Duration.ofMillis(100));
        }
        assertThat(reads.get()).isZero();
        assertThat(writes.get()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(6)); // 11 s since the first write and read
        assertThat(near.get("s")).contains("7");
        near.put("s", "7", TTL);
        assertThat(reads.get()).isEqualTo(1);
        assertThat(writes.get()).as("the shared TTL is refreshed").isEqualTo(2);
    }

    @Test
    void anotherNodesRebindingIsSeenOnceTheLocalViewIsStale() {
        near.put("s", "7", TTL);
        real.put("s", "9", TTL); // another node moved the session
        assertThat(near.get("s")).as("trusted for a few seconds").contains("7");
        clock.advance(Duration.ofSeconds(11));
        assertThat(near.get("s")).contains("9");
        near.put("s", "9", TTL);
        assertThat(writes.get()).as("a binding read from another node is still written once by us").isEqualTo(2);
    }

    @Test
    void aDroppedBindingIsForgottenHereAndThere() {
        near.put("s", "7", TTL);
        assertThat(near.removeIfValue("s", "7")).isTrue();
        assertThat(near.get("s")).isEmpty();
        assertThat(real.get("s")).isEmpty();
        near.put("s", "8", TTL);
        assertThat(real.get("s")).contains("8");
    }

    @Test
    void remembersOnlyTheSessionsSeenWithinTheLastTenSeconds() {
        for (int i = 0; i < 1_000; i++) {
            near.put("old-" + i, "7", TTL);
        }
        clock.advance(Duration.ofSeconds(11));
        near.put("new", "7", TTL);
        assertThat(near.size()).isEqualTo(1);
        assertThat(real.get("old-1")).as("the shared bindings keep their TTL").contains("7");
    }

    @Test
    void aShortStickyTtlIsNeverTrustedLongerThanHalfOfIt() {
        NearBindings shortLived = new NearBindings(shared, Duration.ofSeconds(4), clock);
        shortLived.put("s", "7", Duration.ofSeconds(4));
        clock.advance(Duration.ofSeconds(2));
        real.remove("s");
        assertThat(shortLived.get("s")).isEmpty();
    }
}
