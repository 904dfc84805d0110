package dev.relaypool.desktop.common;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way ViewModels do slow work: the supplier runs in the background, the result is handed back on the
 * UI thread. API calls return outcomes as values, so a thrown exception here is a bug; it is logged and
 * reported through {@code onBug} so a busy indicator never stays on forever.
 */
public final class Async {
    private static final Logger LOG = LoggerFactory.getLogger(Async.class);

    private final BackgroundExecutor background;
    private final UiExecutor ui;

    public Async(BackgroundExecutor background, UiExecutor ui) {
        this.background = background;
        this.ui = ui;
    }

    public <T> void run(Supplier<T> work, Consumer<T> onResult, Consumer<Throwable> onBug) {
        background.execute(() -> {
            T result;
            try {
                result = work.get();
            } catch (RuntimeException | Error e) {
                LOG.error("background task failed", e);
                ui.execute(() -> onBug.accept(e));
                return;
            }
            ui.execute(() -> onResult.accept(result));
        });
    }

    /**
     * Runs {@code work} on the UI thread after {@code delay}. Cancelling on the UI thread always holds, even when
     * the timer has already fired and the work is waiting its turn on the UI thread.
     */
    public Cancellable later(Duration delay, Runnable work) {
        AtomicBoolean cancelled = new AtomicBoolean();
        Cancellable timer = background.schedule(delay, () -> ui.execute(() -> {
            if (!cancelled.get()) {
                work.run();
            }
        }));
        return () -> {
            cancelled.set(true);
            timer.cancel();
        };
    }

    public UiExecutor ui() {
        return ui;
    }
}
