package dev.relaypool.desktop.common;

import java.time.Duration;

/**
 * Runs blocking work (HTTP calls) away from the UI thread, now or after a delay.
 * Tests swap in an executor that runs everything directly and keeps delayed work until the test releases it.
 */
public interface BackgroundExecutor {
    void execute(Runnable work);

    Cancellable schedule(Duration delay, Runnable work);
}
