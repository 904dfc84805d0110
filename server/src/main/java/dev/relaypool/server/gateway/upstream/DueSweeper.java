package dev.relaypool.server.gateway.upstream;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * One thread that fires whatever has come due, looking every {@code period}: the gateway's alternative to a timer
 * per request. Adding and removing cost a set insertion and removal, and nothing is woken for them (a timer whose
 * new task becomes the head wakes its thread, and on a small machine a thread woken from a request's path preempts
 * it). Its precision is the period; the gateway's deadlines are a second or more.
 */
public final class DueSweeper implements AutoCloseable {
    /** Something to do once its time has come; its time may move while it waits. */
    public interface Due {
        long dueAtNanos();

        /** Called once, on the sweeper's thread, after this was removed; must not block. */
        void fire();
    }

    private final Set<Due> waiting = ConcurrentHashMap.newKeySet();
    private final long periodNanos;
    private final Thread thread;
    private volatile boolean closed;

    public DueSweeper(String name, Duration period) {
        this.periodNanos = period.toNanos();
        this.thread = Thread.ofPlatform().daemon().name(name).start(this::sweep);
    }

    public void add(Due due) {
        waiting.add(due);
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
            for (Due due : waiting) {
                if (now - due.dueAtNanos() >= 0 && waiting.remove(due)) {
                    due.fire();
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
    }
}
