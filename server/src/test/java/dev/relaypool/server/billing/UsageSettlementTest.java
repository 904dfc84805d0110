package dev.relaypool.server.billing;

import static dev.relaypool.server.billing.UsageRecords.answered;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsageSettlementTest {
    @TempDir
    Path dataDir;

    private static List<String> ids(int count) {
        return IntStream.range(0, count).mapToObj(i -> "req-" + i).toList();
    }

    @Test
    void settledUsageLeavesTheJournal() {
        InMemoryBatchWriter writer = InMemoryBatchWriter.working();
        UsageJournal journal = UsageJournal.open(dataDir);
        try (UsageSettlement settlement = new UsageSettlement(journal, writer, SettlementQueue.DEFAULTS)) {
            ids(50).forEach(id -> settlement.accept(answered(id)));
            assertThat(settlement.flush(Duration.ofSeconds(10))).isTrue();
            assertThat(writer.writtenIds()).containsExactlyElementsOf(ids(50));
            assertThat(journal.unsettledCount()).isZero();
        }
    }

    @Test
    void settlesWhatAnEarlierRunLeftUnwritten() {
        InMemoryBatchWriter down = new InMemoryBatchWriter(Integer.MAX_VALUE, true);
        UsageSettlement first = new UsageSettlement(UsageJournal.open(dataDir), down, SettlementQueue.DEFAULTS);
        ids(20).forEach(id -> first.accept(answered(id)));
        assertThat(first.flush(Duration.ofMillis(200))).isFalse();
        first.close(); // as at SIGTERM with the database down

        InMemoryBatchWriter writer = InMemoryBatchWriter.working();
        try (UsageSettlement second = new UsageSettlement(UsageJournal.open(dataDir), writer, SettlementQueue.DEFAULTS)) {
            assertThat(second.recover()).isEqualTo(20);
            assertThat(second.flush(Duration.ofSeconds(10))).isTrue();
            assertThat(writer.writtenIds()).containsExactlyInAnyOrderElementsOf(ids(20));
        }
    }

    @Test
    void recordsRefusedByAFullQueueAreSettledFromTheJournalLater() throws InterruptedException {
        InMemoryBatchWriter writer = new InMemoryBatchWriter(0, false);
        SettlementQueue.Settings tiny = new SettlementQueue.Settings(2, 1, Duration.ofMillis(10),
                Duration.ofMillis(10), Duration.ofMillis(50));
        UsageJournal journal = UsageJournal.open(dataDir);
        try (UsageSettlement settlement = new UsageSettlement(journal, writer, tiny)) {
            ids(10).forEach(id -> settlement.accept(answered(id))); // most are refused by the full queue

            writer.open();

            for (int i = 0; i < 200 && journal.unsettledCount() > 0; i++) {
                Thread.sleep(25);
            }
            assertThat(journal.unsettledCount()).isZero();
            assertThat(writer.writtenIds()).containsExactlyInAnyOrderElementsOf(ids(10));
        }
    }
}
