package dev.relaypool.server.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One background thread running tasks in the order given, for work that follows an answer and must not delay it
 * (a request's log line, its live event). It looks for tasks every few milliseconds rather than being woken for
 * each: on a small machine, a thread woken from the answer's path preempts the thread that woke it. Bounded: while
 * {@code capacity} tasks wait, a further one is either dropped and counted ({@link WhenFull#DROP}: a slow consumer,
 * such as a Redis publish, can neither hold requests up nor fill the heap; for tasks that may be lost, and a usage
 * record never goes through here) or run on the caller's thread ({@link WhenFull#RUN_HERE}: nothing is lost, and
 * the caller pays as if there were no worker). Closing runs what is queued; a task given while closing runs on the
 * caller's thread.
 */
public final class SerialWorker implements Executor, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SerialWorker.class);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    /** What {@link #execute} does with a task while {@code capacity} tasks wait. */
    public enum WhenFull { DROP, RUN_HERE }

    private final String name;
    private final WhenFull whenFull;
    private final Runnable afterBatch;
    private final BlockingQueue<Runnable> queue;
    private final Thread thread;
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean closing;

    public SerialWorker(String name, int capacity, WhenFull whenFull) {
        this(name, capacity, whenFull, () -> { });
    }

    /**
     * As above, with {@code afterBatch} run after each group of tasks: after every batch the worker drains, and after
     * a task run on the caller's thread. A task can leave its result for {@code afterBatch} to send in one go.
     */
    public SerialWorker(String name, int capacity, WhenFull whenFull, Runnable afterBatch) {
        this.name = name;
        this.whenFull = whenFull;
        this.afterBatch = afterBatch;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = Thread.ofPlatform().daemon().name(name).start(this::run);
    }

    @Override
    public void execute(Runnable task) {
        if (closing) {
            runHere(task);
        } else if (!queue.offer(task)) {
            LockSupport.unpark(thread);
            if (whenFull == WhenFull.RUN_HERE) {
                runHere(task);
            } else if (dropped.getAndIncrement() % 10_000 == 0) {
                log.warn("{} is {} tasks behind; dropping ({} so far)", name, queue.size(), dropped.get());
            }
        } else if (queue.remainingCapacity() < queue.size()) {
            LockSupport.unpark(thread); // half full: do not wait for the tick
        }
    }

    /** Tasks dropped because the queue was full, since start. */
    public long dropped() {
        return dropped.get();
    }

    private void run() {
        List<Runnable> batch = new ArrayList<>();
        while (!closing || !queue.isEmpty()) {
            if (queue.isEmpty()) {
                LockSupport.parkNanos(TICK_NANOS); // offers never wake this thread (the queue's waiters are none)
                continue;
            }
            queue.drainTo(batch, 1024);
            batch.forEach(SerialWorker::runQuietly);
            batch.clear();
            runQuietly(afterBatch);
        }
    }

    private void runHere(Runnable task) {
        runQuietly(task);
        runQuietly(afterBatch);
    }

    private static void runQuietly(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            log.warn("Background task failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        closing = true;
        LockSupport.unpark(thread);
        try {
            if (!thread.join(CLOSE_WAIT)) {
                log.warn("{} did not finish its queue within {}", name, CLOSE_WAIT);
                thread.interrupt();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
