package dev.relaypool.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SingleFlightTest {
    @Test
    void aRefreshReturnsAtOnceAndRunsOneLoadAtATime() throws Exception {
        SingleFlight<String, String> flight = new SingleFlight<>();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        AtomicInteger loads = new AtomicInteger();
        long before = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            flight.refresh("k", () -> {
                loads.incrementAndGet();
                started.countDown();
                try {
                    release.await(5, TimeUnit.SECONDS); // a slow database read
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return "fresh";
            });
        }
        assertThat(System.nanoTime() - before).as("nobody waited for the read").isLessThan(TimeUnit.SECONDS.toNanos(1));
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        // a synchronous load meanwhile, without a value at hand, waits for the running read and gets its result
        java.util.concurrent.atomic.AtomicReference<String> waited = new java.util.concurrent.atomic.AtomicReference<>();
        Thread waiter = Thread.ofVirtual().start(() -> waited.set(flight.load("k", null, () -> "second")));
        Thread.sleep(100);
        release.countDown();
        waiter.join(5_000);
        assertThat(waited).hasValue("fresh");
        assertThat(loads).hasValue(1);
    }

    @Test
    void aFailedRefreshIsMetByTheNextSynchronousLoad() throws Exception {
        SingleFlight<String, String> flight = new SingleFlight<>();
        CountDownLatch failed = new CountDownLatch(1);
        flight.refresh("k", () -> {
            failed.countDown();
            throw new IllegalStateException("database down");
        });
        assertThat(failed.await(5, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(50); // the refresh has finished and let go of the key
        assertThatThrownBy(() -> flight.load("k", null, () -> {
            throw new IllegalStateException("still down");
        })).hasMessage("still down");
        assertThat(flight.load("k", null, () -> "back")).isEqualTo("back");
    }

    @Test
    void tellsHowLongALoadHasBeenRunning() throws Exception {
        SingleFlight<String, String> flight = new SingleFlight<>();
        CountDownLatch release = new CountDownLatch(1);
        assertThat(flight.runningLongerThan("k", java.time.Duration.ZERO)).as("nothing running").isFalse();
        flight.refresh("k", () -> {
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "fresh";
        });
        Thread.sleep(50);
        assertThat(flight.runningLongerThan("k", java.time.Duration.ofMillis(10))).isTrue();
        assertThat(flight.runningLongerThan("k", java.time.Duration.ofMinutes(1))).isFalse();
        assertThat(flight.runningLongerThan("other", java.time.Duration.ZERO)).isFalse();
        release.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (flight.runningLongerThan("k", java.time.Duration.ZERO) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(flight.runningLongerThan("k", java.time.Duration.ZERO)).as("done").isFalse();
    }
}
