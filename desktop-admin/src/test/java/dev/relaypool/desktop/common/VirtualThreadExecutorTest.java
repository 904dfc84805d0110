package dev.relaypool.desktop.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class VirtualThreadExecutorTest {

    @Test
    void runsWorkNowAndAfterADelay() throws InterruptedException {
        CountDownLatch done = new CountDownLatch(2);
        try (VirtualThreadExecutor executor = new VirtualThreadExecutor()) {
            executor.execute(done::countDown);
            executor.schedule(Duration.ofMillis(20), done::countDown);
            assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void workHandedInAfterClosingIsDroppedWithoutThrowing() throws InterruptedException {
        AtomicInteger ran = new AtomicInteger();
        VirtualThreadExecutor executor = new VirtualThreadExecutor();
        Cancellable pending = executor.schedule(Duration.ofMillis(50), ran::incrementAndGet);
        executor.close();

        executor.execute(ran::incrementAndGet); // a UI callback queued before the app quit
        Cancellable late = executor.schedule(Duration.ZERO, ran::incrementAndGet);
        late.cancel();
        pending.cancel();
        Thread.sleep(150); // past the first delay: it must not fire after close

        assertThat(ran).hasValue(0);
    }
}
