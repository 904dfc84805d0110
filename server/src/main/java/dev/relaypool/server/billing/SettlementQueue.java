package dev.relaypool.server.billing;

import dev.relaypool.server.usage.UsageRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded queue of usage records between the request path and the database. Producers wait at most
 * {@code offerTimeout} for room (back-pressure with a bound: the request path never hangs on a slow database);
 * one drainer virtual thread hands batches, in arrival order, to the {@link BatchWriter} and retries a failed
 * batch with exponential backoff until it succeeds or the queue is closed. Records are never dropped here: what
 * the queue cannot deliver is still in the {@link UsageJournal}.
 */
public final class SettlementQueue implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SettlementQueue.class);
    private static final long POLL_MILLIS = 50;

    /**
     * {@code linger}: how long records wait for company before they are settled together. A settlement transaction
     * (lookups, insert, money moves, the rollup upserts) costs the database several milliseconds of CPU however few
     * records it holds; at low load, one per request takes that CPU from the next request on a small machine
     * (seen in the latency bench). Waiting a little lets one transaction settle many records.
     */
    public record Settings(int capacity, int maxBatch, Duration offerTimeout, Duration initialBackoff,
                           Duration maxBackoff, Duration linger) {
        public Settings {
            if (capacity < 1 || maxBatch < 1 || offerTimeout.isNegative() || initialBackoff.isNegative()
                    || maxBackoff.compareTo(initialBackoff) < 0 || linger.isNegative()) {
                throw new IllegalArgumentException("invalid settlement queue settings");
            }
        }

        public Settings(int capacity, int maxBatch, Duration offerTimeout, Duration initialBackoff, Duration maxBackoff) {
            this(capacity, maxBatch, offerTimeout, initialBackoff, maxBackoff, Duration.ZERO);
        }
    }

    public static final Settings DEFAULTS = new Settings(10_000, 500, Duration.ofMillis(200), Duration.ofMillis(100),
            Duration.ofSeconds(5), Duration.ofMillis(200));

    private final BatchWriter writer;
    private final Settings settings;
    private final BlockingQueue<UsageRecord> queue;
    private final ReentrantLock progressLock = new ReentrantLock();
    private final Condition progressed = progressLock.newCondition();
    private long accepted; // guarded by progressLock
    private long delivered; // guarded by progressLock
    private volatile boolean closed;
    private final Thread drainer;

    public SettlementQueue(BatchWriter writer, Settings settings) {
        this.writer = writer;
        this.settings = settings;
        this.queue = new ArrayBlockingQueue<>(settings.capacity());
        this.drainer = Thread.ofVirtual().name("settlement-drainer").start(this::drain);
    }

    /**
     * Queues {@code record}, waiting at most the offer timeout for room; false when full (or closed). With a linger,
     * the drainer is woken only when a full batch waits: no wake-up on the answer's path.
     */
    public boolean submit(UsageRecord record) {
        if (closed) {
            return false;
        }
        progressLock.lock(); // counted before the drainer can see it, so flush() never misses it
        try {
            accepted++;
        } finally {
            progressLock.unlock();
        }
        boolean queued = false;
        try {
            queued = queue.offer(record, settings.offerTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!queued) {
            advance(-1, 0);
        } else if (lingering() && queue.size() >= settings.maxBatch()) {
            LockSupport.unpark(drainer);
        }
        return queued;
    }

    private boolean lingering() {
        return settings.linger().isPositive();
    }

    /** Waits until every record accepted so far is written, at most {@code timeout}; true when it all was. */
    public boolean flush(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        progressLock.lock();
        try {
            long target = accepted;
            while (delivered < Math.min(target, accepted)) { // accepted shrinks if a waiting offer gave up
                long left = deadline - System.nanoTime();
                if (left <= 0 || !drainer.isAlive()) {
                    return false;
                }
                LockSupport.unpark(drainer); // no lingering while a flush waits
                progressed.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(10)));
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            progressLock.unlock();
        }
    }

    public int depth() {
        return queue.size();
    }

    /** Stops the drainer; call {@link #flush} first. What is still queued stays in the journal for the next start. */
    @Override
    public void close() {
        closed = true;
        drainer.interrupt();
        try {
            drainer.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!queue.isEmpty()) {
            log.warn("Settlement queue closed with {} record(s) unwritten; the usage journal keeps them", queue.size());
        }
    }

    private void drain() {
        while (!closed) {
            List<UsageRecord> batch;
            try {
                batch = lingering() ? collect() : gather();
            } catch (InterruptedException e) {
                return;
            }
            if (!batch.isEmpty()) {
                if (!writeWithRetry(batch)) {
                    return;
                }
                advance(0, batch.size());
            }
        }
    }

    /**
     * With a linger: sleeps for it (unless woken by a full batch or a flush), then takes what arrived, up to a
     * batch. Producers never wait for this thread nor wake it for a single record.
     */
    private List<UsageRecord> collect() throws InterruptedException {
        if (queue.size() < settings.maxBatch()) {
            LockSupport.parkNanos(settings.linger().toNanos());
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
        List<UsageRecord> batch = new ArrayList<>(Math.min(settings.maxBatch(), queue.size()));
        queue.drainTo(batch, settings.maxBatch());
        return batch;
    }

    /** Without a linger: waits for a first record, then takes whatever else is there, up to a batch. */
    private List<UsageRecord> gather() throws InterruptedException {
        UsageRecord first = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
        if (first == null) {
            return List.of();
        }
        List<UsageRecord> batch = new ArrayList<>(Math.min(settings.maxBatch(), queue.size() + 1));
        batch.add(first);
        queue.drainTo(batch, settings.maxBatch() - 1);
        return batch;
    }

    /** Retries the same batch (order is kept) until it is written; false only when closed meanwhile. */
    private boolean writeWithRetry(List<UsageRecord> batch) {
        Duration backoff = settings.initialBackoff();
        for (int attempt = 1; !closed; attempt++) {
            try {
                writer.write(List.copyOf(batch));
                return true;
            } catch (InterruptedException e) {
                return false;
            } catch (Exception | AssertionError e) {
                // AssertionError too: the PostgreSQL driver throws one when the connection dies inside a batch
                // (seen in PostgresOutageIT); letting it escape would end this thread and settle nothing more
                log.warn("Settling {} usage record(s) failed (attempt {}), retrying in {} ms: {}",
                        batch.size(), attempt, backoff.toMillis(), e.toString());
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                return false;
            }
            backoff = backoff.multipliedBy(2).compareTo(settings.maxBackoff()) > 0
                    ? settings.maxBackoff() : backoff.multipliedBy(2);
        }
        return false;
    }

    private void advance(long acceptedDelta, long deliveredDelta) {
        progressLock.lock();
        try {
            accepted += acceptedDelta;
            delivered += deliveredDelta;
            progressed.signalAll();
        } finally {
            progressLock.unlock();
        }
    }
}
