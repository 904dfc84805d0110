package dev.relaypool.server.billing;

import dev.relaypool.server.usage.UsageRecord;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for the PostgreSQL writer: keeps batches, is idempotent per request id like the real one, can fail a
 * number of calls and can be held shut until released.
 */
final class InMemoryBatchWriter implements BatchWriter {
    final List<List<UsageRecord>> batches = new CopyOnWriteArrayList<>();
    final List<Long> attemptNanos = new CopyOnWriteArrayList<>();
    private final Set<String> written = new LinkedHashSet<>();
    private final AtomicInteger failuresLeft;
    private final CountDownLatch gate;

    InMemoryBatchWriter(int failures, boolean open) {
        this.failuresLeft = new AtomicInteger(failures);
        this.gate = new CountDownLatch(open ? 0 : 1);
    }

    static InMemoryBatchWriter working() {
        return new InMemoryBatchWriter(0, true);
    }

    void open() {
        gate.countDown();
    }

    @Override
    public void write(List<UsageRecord> batch) throws Exception {
        attemptNanos.add(System.nanoTime());
        gate.await();
        if (failuresLeft.getAndDecrement() > 0) {
            throw new java.sql.SQLTransientConnectionException("database unavailable");
        }
        batches.add(batch);
        synchronized (written) {
            batch.forEach(r -> written.add(r.requestId()));
        }
    }

    /** Request ids in the order they were first written. */
    List<String> writtenIds() {
        synchronized (written) {
            return new ArrayList<>(written);
        }
    }

    List<String> deliveredInOrder() {
        return batches.stream().flatMap(List::stream).map(UsageRecord::requestId).toList();
    }
}
