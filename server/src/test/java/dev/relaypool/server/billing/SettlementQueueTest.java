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
    void withALingerRecordsAreSettledTogetherWithinItAndAFullBatchOrAFlushDoesNotWait() throws Exception {
        InMemoryBatchWriter writer = InMemoryBatchWriter.working();
        Duration linger = Duration.ofMillis(300);
        try (SettlementQueue queue = new SettlementQueue(writer, new SettlementQueue.Settings(1_000, 10,
                Duration.ofSeconds(1), Duration.ofMillis(20), Duration.ofMillis(200), linger))) {
            // three records, one at a time: settled together, within about one linger, without a flush
            long start = System.nanoTime();
            for (String id : ids(3)) {
                assertThat(queue.submit(answered(id))).isTrue();
            }
            while (writer.deliveredInOrder().size() < 3 && System.nanoTime() - start < 5_000_000_000L) {
                Thread.sleep(5);
            }
            assertThat(writer.deliveredInOrder()).containsExactlyElementsOf(ids(3));
            assertThat(writer.batches).hasSize(1);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(linger.multipliedBy(3));

            // a full batch goes at once, not after the linger
            Thread.sleep(linger.toMillis()); // the drainer is lingering again
            start = System.nanoTime();
            List<String> next = IntStream.range(100, 110).mapToObj(i -> "req-" + i).toList();
            next.forEach(id -> queue.submit(answered(id)));
            while (writer.deliveredInOrder().size() < 13 && System.nanoTime() - start < 5_000_000_000L) {
                Thread.sleep(1);
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(linger.dividedBy(2));

            // a flush does not wait for the linger either
            queue.submit(answered("req-last"));
            start = System.nanoTime();
            assertThat(queue.flush(Duration.ofSeconds(5))).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(linger.dividedBy(2));
            assertThat(writer.deliveredInOrder()).hasSize(14).endsWith("req-last");
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
