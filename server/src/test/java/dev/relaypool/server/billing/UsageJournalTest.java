package dev.relaypool.server.billing;

import static dev.relaypool.server.billing.UsageRecords.answered;
import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.server.usage.UsageRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UsageJournalTest {
    private static final UsageJournal.Settings SMALL_SEGMENTS = new UsageJournal.Settings(4096, 64, Duration.ofSeconds(10));

    @TempDir
    Path dataDir;

    private static List<UsageRecord> replayed(UsageJournal journal) {
        List<UsageRecord> records = new ArrayList<>();
        journal.replay(records::add);
        return records;
    }

    private static List<String> ids(List<UsageRecord> records) {
        return records.stream().map(UsageRecord::requestId).toList();
    }

    private List<Path> segmentFiles() throws IOException {
        try (Stream<Path> files = Files.list(dataDir.resolve("journal"))) {
            return files.filter(f -> f.toString().endsWith(".log")).sorted().toList();
        }
    }

    /** Both durabilities: released after the write (the default) or only after the fsync. */
    @ParameterizedTest(name = "syncFirst={0}")
    @ValueSource(booleans = {false, true})
    void replaysEveryRecordAppendedConcurrentlyInAFreshProcess(boolean syncFirst) throws Exception {
        List<String> expected = IntStream.range(0, 1_000).mapToObj(i -> "req-" + i).toList();
        try (UsageJournal journal = UsageJournal.open(dataDir, UsageJournal.DEFAULTS.syncingFirst(syncFirst));
             ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            expected.forEach(id -> threads.submit(() -> journal.append(answered(id))));
            threads.shutdown();
            assertThat(threads.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(ids(replayed(journal))).containsExactlyInAnyOrderElementsOf(expected);
        }

        try (UsageJournal restarted = UsageJournal.open(dataDir, SMALL_SEGMENTS)) {
            List<UsageRecord> records = replayed(restarted);
            assertThat(ids(records)).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(records.getFirst()).usingRecursiveComparison().ignoringFields("requestId")
                    .isEqualTo(answered("any"));
            assertThat(restarted.unsettledCount()).isEqualTo(1_000);
        }
    }

    @Test
    void skipsATornLastLineAndADamagedOne() throws IOException {
        try (UsageJournal journal = UsageJournal.open(dataDir)) {
            journal.append(answered("a"));
            journal.append(answered("b"));
            journal.append(answered("c"));
        }
        Path segment = segmentFiles().getFirst();
        String text = Files.readString(segment);
        // Damage b's JSON (its CRC no longer matches), then leave a half-written record at the end.
        String damaged = text.replaceFirst("\"requestId\":\"b\"", "\"requestId\":\"B\"");
        Files.writeString(segment, damaged + text.lines().findFirst().orElseThrow().substring(0, 40));

        try (UsageJournal restarted = UsageJournal.open(dataDir)) {
            assertThat(ids(replayed(restarted))).containsExactly("a", "c");
            restarted.append(answered("d"));
            assertThat(ids(replayed(restarted))).containsExactly("a", "c", "d");
        }
    }

    @Test
    void doesNotReplaySettledRecordsNowOrAfterARestart() {
        try (UsageJournal journal = UsageJournal.open(dataDir)) {
            List.of("r1", "r2", "r3", "r4", "r5").forEach(id -> journal.append(answered(id)));
            journal.markSettled(List.of("r1", "r3", "r5", "never-journalled"));
            assertThat(ids(replayed(journal))).containsExactly("r2", "r4");
        }
        try (UsageJournal restarted = UsageJournal.open(dataDir)) {
            assertThat(ids(replayed(restarted))).containsExactly("r2", "r4");
            assertThat(restarted.unsettledCount()).isEqualTo(2);
        }
    }

    @Test
    void deletesSegmentsOnceEverythingInThemIsSettled() throws IOException {
        try (UsageJournal journal = UsageJournal.open(dataDir, SMALL_SEGMENTS)) {
            List<String> ids = IntStream.range(0, 200).mapToObj(i -> "r" + i).toList();
            ids.forEach(id -> journal.append(answered(id)));
            assertThat(segmentFiles()).hasSizeGreaterThan(3); // rotated by size

            journal.markSettled(ids);

            assertThat(segmentFiles()).hasSize(1); // only the one still being appended to
            assertThat(replayed(journal)).isEmpty();
        }
        try (UsageJournal restarted = UsageJournal.open(dataDir, SMALL_SEGMENTS)) {
            assertThat(segmentFiles()).hasSize(1); // the old, fully settled one is gone, a fresh one is open
            assertThat(replayed(restarted)).isEmpty();
        }
    }

    @Test
    void ignoresATornSettledMarkAndReplaysThatRecordAgain() throws IOException {
        try (UsageJournal journal = UsageJournal.open(dataDir)) {
            journal.append(answered("kept"));
            journal.append(answered("settled"));
            journal.markSettled(List.of("settled"));
        }
        Path settledFile = segmentFiles().getFirst().resolveSibling(
                segmentFiles().getFirst().getFileName().toString().replace(".log", ".settled"));
        Files.writeString(settledFile, "\"kep", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        try (UsageJournal restarted = UsageJournal.open(dataDir)) {
            assertThat(ids(replayed(restarted))).containsExactly("kept");
        }
    }
}
