package dev.relaypool.server.gateway.upstream;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
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
 * removal, and a read a volatile write. The limits are seconds; the sweep period ({@value #SWEEP_MILLIS} ms) is
 * their precision.
 */
public final class UpstreamTimeouts implements AutoCloseable {
    static final long SWEEP_MILLIS = 50;

    /** One call's limit. Close it when the call is finished with. */
    public final class Watch implements AutoCloseable {
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

        private boolean overdue(long now) {
            return now - deadline > 0;
        }

        @Override
        public void close() {
            watched.remove(this);
        }
    }

    private final Set<Watch> watched = ConcurrentHashMap.newKeySet();
    private final Thread sweeper;
    private volatile boolean closed;

    public UpstreamTimeouts(String name) {
        this.sweeper = Thread.ofPlatform().daemon().name(name).start(this::sweep);
    }

    /** Starts watching {@code call}: it must have its headers within {@code headers}. */
    public Watch watch(Call call, Duration headers) {
        Watch watch = new Watch(call, headers);
        watched.add(watch);
        return watch;
    }

    /** Calls being watched; for tests. */
    int watching() {
        return watched.size();
    }

    private void sweep() {
        while (!closed) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(SWEEP_MILLIS));
            long now = System.nanoTime();
            for (Watch watch : watched) {
                if (watch.overdue(now)) {
                    watch.expired = true;
                    watched.remove(watch);
                    watch.call.cancel();
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(sweeper);
    }
}
