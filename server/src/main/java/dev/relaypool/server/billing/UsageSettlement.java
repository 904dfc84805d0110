package dev.relaypool.server.billing;

import dev.relaypool.server.usage.UsageRecord;
import dev.relaypool.server.usage.UsageSink;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The billing side's front door for the gateway: each finished request's usage is made durable in the
 * {@link UsageJournal}, then queued for the database; once the {@link BatchWriter} has written a batch the journal
 * is told it is settled.
 *
 * <p>When the queue is full (database slow or down) the record is not dropped: it stays in the journal, and a
 * backlog sweep re-reads the journal into the queue once the queue has drained. Such a sweep may queue a record
 * that is also still queued; the writer's idempotency per request id makes that harmless.
 */
public final class UsageSettlement implements UsageSink, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(UsageSettlement.class);

    private final UsageJournal journal;
    private final SettlementQueue queue;
    private final AtomicBoolean backlog = new AtomicBoolean();
    private final AtomicBoolean sweeping = new AtomicBoolean();

    public UsageSettlement(UsageJournal journal, BatchWriter writer, SettlementQueue.Settings settings) {
        this.journal = journal;
        this.queue = new SettlementQueue(batch -> {
            writer.write(batch);
            journal.markSettled(batch.stream().map(UsageRecord::requestId).toList());
            if (backlog.get() && queue().depth() == 0) {
                startSweep();
            }
        }, settings);
    }

    /** At start-up: queues whatever earlier runs left unsettled in the journal. Returns how many. */
    public int recover() {
        int replayed = sweep();
        if (replayed > 0) {
            log.info("Queued {} unsettled usage record(s) from the journal", replayed);
        }
        return replayed;
    }

    @Override
    public void accept(UsageRecord record) {
        try {
            journal.append(record);
        } catch (UncheckedIOException e) {
            // The database may still take it; if the process dies first, this record is lost: say so loudly.
            log.error("Usage of request {} is not journalled ({}); settling it from memory only",
                    record.requestId(), e.getMessage());
        }
        if (!queue.submit(record) && !backlog.getAndSet(true)) { // log once per backlog, not once per request
            log.warn("Settlement queue full (database slow or down); usage waits in the journal, first: request {}",
                    record.requestId());
        }
    }

    /** For SIGTERM: waits until everything accepted so far is in the database, at most {@code timeout}. */
    public boolean flush(Duration timeout) {
        return queue.flush(timeout);
    }

    /** Records journalled but not yet in the database (the backlog an outage leaves); for monitoring. */
    public int unsettledCount() {
        return journal.unsettledCount();
    }

    /** Records waiting in memory for the database writer; for monitoring. */
    public int queueDepth() {
        return queue.depth();
    }

    @Override
    public void close() {
        queue.close();
        journal.close();
    }

    private SettlementQueue queue() {
        return queue;
    }

    private void startSweep() {
        if (sweeping.compareAndSet(false, true)) {
            Thread.ofVirtual().name("usage-backlog-sweep").start(() -> {
                try {
                    sweep();
                } finally {
                    sweeping.set(false);
                }
            });
        }
    }

    private int sweep() {
        backlog.set(false);
        return journal.replay(record -> {
            if (!queue.submit(record)) {
                backlog.set(true);
            }
        });
    }
}
