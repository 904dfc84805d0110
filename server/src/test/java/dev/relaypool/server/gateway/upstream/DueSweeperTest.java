package dev.relaypool.server.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Dues fire once at their time (within a period), when added, moved later on their own, or moved earlier when told. */
class DueSweeperTest {
    private static final Duration PERIOD = Duration.ofMillis(20);
    private final DueSweeper sweeper = new DueSweeper("test-sweeper", PERIOD);

    @AfterEach
    void close() {
        sweeper.close();
    }

    @Test
    void aDueMovedEarlierFiresAtItsNewTimeNotAtTheOldOne() throws InterruptedException {
        Moving far = new Moving(System.nanoTime() + TimeUnit.SECONDS.toNanos(30));
        sweeper.add(far);
        Thread.sleep(3 * DueSweeper.MAX_SKIP_NANOS / 1_000_000 / 2); // a look or two with nothing due

        long moved = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        far.at = moved;
        sweeper.movedEarlier(moved);

        assertThat(far.fired.await(5, TimeUnit.SECONDS)).isTrue();
        long late = far.firedAt - moved;
        assertThat(Duration.ofNanos(late)).as("after its new time").isBetween(Duration.ZERO, Duration.ofMillis(400));
        assertThat(sweeper.size()).isZero();
    }

    @Test
    void dueAddedAfterALongIdleFiresOnTimeAndOneMovedLaterWaits() throws InterruptedException {
        Thread.sleep(DueSweeper.MAX_SKIP_NANOS / 1_000_000 / 2);
        long start = System.nanoTime();
        Moving soon = new Moving(start + TimeUnit.MILLISECONDS.toNanos(50));
        Moving postponed = new Moving(start + TimeUnit.MILLISECONDS.toNanos(50));
        sweeper.add(soon);
        sweeper.add(postponed);
        postponed.at = start + TimeUnit.MILLISECONDS.toNanos(700); // moved later, without telling

        assertThat(soon.fired.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(Duration.ofNanos(soon.firedAt - start)).isBetween(Duration.ofMillis(50), Duration.ofMillis(400));
        assertThat(postponed.fired.getCount()).as("postponed one, at the first's time").isEqualTo(1);
        assertThat(postponed.fired.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(Duration.ofNanos(postponed.firedAt - start)).isBetween(Duration.ofMillis(700), Duration.ofMillis(1_100));
    }

    private static final class Moving implements DueSweeper.Due {
        final CountDownLatch fired = new CountDownLatch(1);
        volatile long at;
        volatile long firedAt;

        Moving(long at) {
            this.at = at;
        }

        @Override
        public long dueAtNanos() {
            return at;
        }

        @Override
        public void fire() {
            firedAt = System.nanoTime();
            fired.countDown();
        }
    }
}
