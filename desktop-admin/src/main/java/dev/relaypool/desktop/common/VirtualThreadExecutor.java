package dev.relaypool.desktop.common;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Production executor: one virtual thread per task, one small timer thread for delays. Once closed (the app is
 * quitting) it drops new work instead of throwing: a UI callback that was already queued may still ask.
 */
public final class VirtualThreadExecutor implements BackgroundExecutor, AutoCloseable {
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "desktop-timer");
        thread.setDaemon(true);
        return thread;
    });

    @Override
    public void execute(Runnable work) {
        try {
            workers.execute(work);
        } catch (RejectedExecutionException closed) {
            // quitting: nothing is left to do the work for
        }
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable work) {
        ScheduledFuture<?> future;
        try {
            future = timer.schedule(() -> execute(work), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            return Cancellable.NONE;
        }
        return () -> future.cancel(false);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        workers.shutdown();
        try { // give a last logout call a moment to reach the server
            if (!workers.awaitTermination(2, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
