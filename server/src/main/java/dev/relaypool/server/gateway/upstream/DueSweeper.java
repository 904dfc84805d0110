package dev.relaypool.server.gateway.upstream;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One thread that fires whatever has come due, looking every {@code period}: the gateway's alternative to a timer
 * per request. Adding and removing cost a set insertion and removal, and nothing is woken for them (a timer whose
 * new task becomes the head wakes its thread, and on a small machine a thread woken from a request's path preempts
 * it). Its precision is the period; the gateway's deadlines are a second or more.
 */
public final class DueSweeper implements AutoCloseable {
    /**
     * Something to do once its time has come. Its time may move later while it waits; a move earlier must be told
     * with {@link #movedEarlier}.
     */
    public interface Due {
        long dueAtNanos();

        /** Called once, on the sweeper's thread, after this was removed; must not block. */
        void fire();
    }

    /** The longest the sweeper goes without a look, however far off the earliest due seems. */
    static final long MAX_SKIP_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Set<Due> waiting = ConcurrentHashMap.newKeySet();
    /**
     * Nothing waiting is due before this (a lower bound: dues move later on their own): a look walks every waiting
     * due, so with thousands of streams the sweeper looks only when something may be due, not every period.
     */
    private final AtomicLong nextLook = new AtomicLong(System.nanoTime());
    private final long periodNanos;
    private final Thread thread;
    private volatile boolean closed;

    public DueSweeper(String name, Duration period) {
        this.periodNanos = period.toNanos();
        this.thread = Thread.ofPlatform().daemon().name(name).start(this::sweep);
    }

    public void add(Due due) {
        waiting.add(due);
        movedEarlier(due.dueAtNanos());
    }

    /** A waiting due's time moved to {@code dueAtNanos}, earlier than before. */
    public void movedEarlier(long dueAtNanos) {
        nextLook.accumulateAndGet(dueAtNanos, (current, moved) -> moved - current < 0 ? moved : current);
    }

    public void remove(Due due) {
        waiting.remove(due);
    }

    /** Waiting now; for tests. */
    int size() {
        return waiting.size();
    }

    private void sweep() {
        while (!closed) {
            LockSupport.parkNanos(periodNanos);
            long now = System.nanoTime();
            if (now - nextLook.get() < 0) {
                continue;
            }
            // reset before the walk: a due added or moved earlier meanwhile lowers it again, so none is missed
            nextLook.set(now + MAX_SKIP_NANOS);
            long earliest = now + MAX_SKIP_NANOS;
            for (Due due : waiting) {
                long at = due.dueAtNanos();
                if (now - at >= 0) {
                    if (waiting.remove(due)) {
                        due.fire();
                    }
                } else if (at - earliest < 0) {
                    earliest = at;
                }
            }
            movedEarlier(earliest);
        }
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
    }
}
