package dev.relaypool.desktop.testing;

import dev.relaypool.desktop.common.Async;
import dev.relaypool.desktop.common.BackgroundExecutor;
import dev.relaypool.desktop.common.Cancellable;
import dev.relaypool.desktop.common.UiExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Runs background work directly on the calling thread and keeps delayed work until the test moves time on,
 * so ViewModel tests are synchronous and deterministic.
 */
public final class ManualExecutors implements BackgroundExecutor {
    private final MutableClock clock;
    private final List<Delayed> delayed = new ArrayList<>();

    private record Delayed(java.time.Instant due, Runnable work, boolean[] cancelled) {}

    public ManualExecutors(MutableClock clock) {
        this.clock = clock;
    }

    public Async async() {
        return new Async(this, Runnable::run);
    }

    public static UiExecutor directUi() {
        return Runnable::run;
    }

    @Override
    public void execute(Runnable work) {
        work.run();
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable work) {
        boolean[] cancelled = {false};
        delayed.add(new Delayed(clock.instant().plus(delay), work, cancelled));
        return () -> cancelled[0] = true;
    }

    /** Moves the clock forward and runs what fell due, in order (at most 1000 tasks, to stay bounded). */
    public void advance(Duration by) {
        java.time.Instant until = clock.instant().plus(by);
        for (int i = 0; i < 1000; i++) {
            Delayed next = delayed.stream().filter(d -> !d.cancelled()[0] && !d.due().isAfter(until))
                    .min(Comparator.comparing(Delayed::due)).orElse(null);
            if (next == null) {
                break;
            }
            delayed.remove(next);
            if (next.due().isAfter(clock.instant())) {
                clock.set(next.due());
            }
            next.work().run();
        }
        clock.set(until);
        delayed.removeIf(d -> d.cancelled()[0]);
    }

    /** Delayed tasks still waiting (not cancelled). */
    public long pending() {
        return delayed.stream().filter(d -> !d.cancelled()[0]).count();
    }
}
