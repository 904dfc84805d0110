package dev.relaypool.server.gateway.upstream;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import okhttp3.Call;

/**
 * The time limits of upstream calls, kept by one sweeper thread rather than a timer per call and per socket read:
 * first the response-header timeout (from the start of the call to its headers, the request's upload included),
 * then an idle limit between reads of the answer. A call past its limit is cancelled; its reader gets an
 * IOException and asks {@link Watch#expired()} whether that was why.
 * <p>
 * Why not OkHttp's timeouts: each socket read or write with a timeout schedules it with Okio's watchdog thread,
 * and a watchdog that becomes the head of the queue is woken; a timer per call does the same. On a small machine a
 * thread woken from the request's path preempts it (docs/performance.md). Here a call costs a set insertion and a
 * removal in a {@link DueSweeper}, and a read a volatile write. The limits are seconds; the sweep period
 * ({@value #SWEEP_MILLIS} ms) is their precision.
 */
public final class UpstreamTimeouts implements AutoCloseable {
    static final long SWEEP_MILLIS = 50;

    /** One call's limit. Close it when the call is finished with. */
    public final class Watch implements AutoCloseable, DueSweeper.Due {
        private final Call call;
        private volatile long deadline;
        private volatile long idleNanos;
        private volatile boolean expired;

        private Watch(Call call, Duration headers) {
            this.call = call;
            this.deadline = System.nanoTime() + headers.toNanos();
        }

        /** The headers are in: from now on the call may be silent for at most {@code idle} between reads. */
        public void reading(Duration idle) {
            idleNanos = idle.toNanos();
            deadline = System.nanoTime() + idleNanos;
            sweeper.movedEarlier(deadline); // the idle limit may be shorter than what was left of the header limit
        }

        /** Whether the call was cancelled for being past its limit. */
        public boolean expired() {
            return expired;
        }

        /** {@code in}, with every read that returns counted as progress. */
        public InputStream watching(InputStream in) {
            return new FilterInputStream(in) {
                @Override
                public int read() throws IOException {
                    int read = super.read();
                    progressed();
                    return read;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int read = super.read(b, off, len);
                    progressed();
                    return read;
                }
            };
        }

        private void progressed() {
            long idle = idleNanos;
            if (idle > 0) {
                deadline = System.nanoTime() + idle;
            }
        }

        @Override
        public long dueAtNanos() {
            return deadline;
        }

        @Override
        public void fire() {
            expired = true;
            call.cancel();
        }

        @Override
        public void close() {
            sweeper.remove(this);
        }
    }

    private final DueSweeper sweeper;

    public UpstreamTimeouts(String name) {
        this.sweeper = new DueSweeper(name, Duration.ofMillis(SWEEP_MILLIS));
    }

    /** Starts watching {@code call}: it must have its headers within {@code headers}. */
    public Watch watch(Call call, Duration headers) {
        Watch watch = new Watch(call, headers);
        sweeper.add(watch);
        return watch;
    }

    /** Calls being watched; for tests. */
    int watching() {
        return sweeper.size();
    }

    @Override
    public void close() {
        sweeper.close();
    }
}
