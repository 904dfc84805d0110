package dev.relaypool.server.billing;

import static dev.relaypool.server.billing.UsageRecords.answered;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SettlementQueueTest {
    private static SettlementQueue.Settings settings(int capacity, int maxBatch, Duration offerTimeout) {
        return new SettlementQueue.Settings(capacity, maxBatch, offerTimeout, Duration.ofMillis(20), Duration.ofMillis(200));
    }

    private static List<String> ids(int count) {
        return IntStream.range(0, count).mapToObj(i -> "req-" + i).toList();
    }

    @Test
    void deliversBatchesInArrivalOrderAndFlushDrainsEverything() {
        InMemoryBatchWriter writer = InMemoryBatchWriter.working();
        try (SettlementQueue queue = new SettlementQueue(writer, settings(100, 25, Duration.ofSeconds(5)))) {
            ids(1_000).forEach(id -> assertThat(queue.submit(answered(id))).isTrue());

            assertThat(queue.flush(Duration.ofSeconds(20))).isTrue();

            assertThat(writer.deliveredInOrder()).containsExactlyElementsOf(ids(1_000));
            assertThat(writer.batches).allSatisfy(batch -> assertThat(batch).hasSizeBetween(1, 25));
            assertThat(queue.depth()).isZero();
        }
    }

    @Test
    void blocksAProducerWhenFullForAtMostTheOfferTimeout() {
        InMemoryBatchWriter writer = new InMemoryBatchWriter(0, false); // the database hangs
        Duration offerTimeout = Duration.ofMillis(150);
        try (SettlementQueue queue = new SettlementQueue(writer, settings(3, 1, offerTimeout))) {
            int accepted = 0;
            long refusedAfterNanos = -1;
            for (int i = 0; i < 10 && refusedAfterNanos < 0; i++) { // 1 in the writer + 3 queued, then full
                long start = System.nanoTime();
                if (queue.submit(answered("req-" + i))) {
                    accepted++;
                } else {
                    refusedAfterNanos = System.nanoTime() - start;
                }
            }
            assertThat(refusedAfterNanos).isBetween(offerTimeout.toNanos(), offerTimeout.toNanos() + 2_000_000_000L);
            assertThat(accepted).isBetween(3, 4);
            assertThat(queue.flush(Duration.ofMillis(50))).isFalse();

            writer.open();

            assertThat(queue.flush(Duration.ofSeconds(10))).isTrue();
            assertThat(writer.deliveredInOrder()).containsExactlyElementsOf(ids(accepted));
        }
    }

    @Test
    void retriesAFailingWriterWithGrowingBackoffAndLosesNothing() {
        InMemoryBatchWriter writer = new InMemoryBatchWriter(4, true);
        try (SettlementQueue queue = new SettlementQueue(writer, settings(100, 10, Duration.ofSeconds(5)))) {
            ids(30).forEach(id -> assertThat(queue.submit(answered(id))).isTrue());

            assertThat(queue.flush(Duration.ofSeconds(20))).isTrue();

            assertThat(writer.deliveredInOrder()).containsExactlyElementsOf(ids(30));
            List<Long> attempts = writer.attemptNanos;
            // attempts 1-5 are the same batch: waits of 20, 40, 80, 160 ms between them
            assertThat(attempts.get(1) - attempts.get(0)).isGreaterThanOrEqualTo(Duration.ofMillis(20).toNanos());
            assertThat(attempts.get(4) - attempts.get(3)).isGreaterThanOrEqualTo(Duration.ofMillis(160).toNanos());
        }
    }

    @Test
    void keepsSettlingAfterTheDriverThrowsAnAssertionErrorOnADeadConnection() {
        InMemoryBatchWriter working = InMemoryBatchWriter.working();
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        BatchWriter writer = batch -> {
            if (calls.incrementAndGet() == 1) { // what pgjdbc throws when the connection dies inside a batch
                throw new AssertionError("pgStatement.getConnection().getAutoCommit() should not throw");
            }
            working.write(batch);
        };
        try (SettlementQueue queue = new SettlementQueue(writer, settings(100, 10, Duration.ofSeconds(5)))) {
            ids(5).forEach(id -> assertThat(queue.submit(answered(id))).isTrue());

            assertThat(queue.flush(Duration.ofSeconds(10))).as("settled after the error").isTrue();
            assertThat(working.deliveredInOrder()).containsExactlyElementsOf(ids(5));
        }
    }

    @Test
    void refusesNewRecordsOnceClosed() {
        SettlementQueue queue = new SettlementQueue(InMemoryBatchWriter.working(), SettlementQueue.DEFAULTS);
        queue.close();
        assertThat(queue.submit(answered("late"))).isFalse();
    }
}
