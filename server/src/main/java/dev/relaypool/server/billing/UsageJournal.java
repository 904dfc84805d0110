package dev.relaypool.server.billing;

import dev.relaypool.server.usage.UsageRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The crash-safe record of usage not yet settled in the database, under {@code <dataDir>/journal/}.
 *
 * <p>{@link #append} returns only once the record is in the file (and, with {@code syncFirst}, fsynced), so a usage
 * record acknowledged to the settlement queue survives a crash of the process (and then of the machine). See
 * {@link JournalWriter} for how appends from many threads are written.
 * Settlement reports progress with {@link #markSettled}; a segment is deleted once it is no longer the one being
 * appended to and all its records are settled. {@link #replay} hands out the records not yet settled, e.g. at
 * start-up. A record may be replayed more than once (a settled mark is not fsynced); the database's unique request
 * id makes that harmless. The journal's one job is never to lose a record.
 */
public final class UsageJournal implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(UsageJournal.class);

    /**
     * Tuning; {@link #DEFAULTS} suits a single node. {@code syncFirst}: an append returns only after its batch is
     * fsynced (the record survives a power loss); otherwise it returns once the batch is written to the file, which
     * a crash of the process (kill -9) cannot undo, and the fsync follows in the same batch right after.
     */
    public record Settings(long maxSegmentBytes, int maxBatch, Duration appendTimeout, boolean syncFirst) {
        public Settings {
            if (maxSegmentBytes < 1024 || maxBatch < 1 || appendTimeout.isNegative() || appendTimeout.isZero()) {
                throw new IllegalArgumentException("invalid journal settings");
            }
        }

        public Settings(long maxSegmentBytes, int maxBatch, Duration appendTimeout) {
            this(maxSegmentBytes, maxBatch, appendTimeout, false);
        }

        public Settings syncingFirst(boolean syncFirst) {
            return new Settings(maxSegmentBytes, maxBatch, appendTimeout, syncFirst);
        }
    }

    public static final Settings DEFAULTS = new Settings(16L * 1024 * 1024, 512, Duration.ofSeconds(10));

    private final Path dir;
    private final Settings settings;
    private final ReentrantLock stateLock = new ReentrantLock();
    private final TreeMap<Long, JournalSegment> segments = new TreeMap<>(); // guarded by stateLock
    private final JournalWriter writer;

    private UsageJournal(Path dir, Settings settings, long nextSequence) throws IOException {
        this.dir = dir;
        this.settings = settings;
        this.writer = new JournalWriter(this, settings, nextSequence);
    }

    public static UsageJournal open(Path dataDir) {
        return open(dataDir, DEFAULTS);
    }

    /** Opens (creating if needed) the journal, recovers what earlier processes left, starts a fresh segment. */
    public static UsageJournal open(Path dataDir, Settings settings) {
        Path dir = dataDir.resolve("journal");
        try {
            Files.createDirectories(dir);
            List<JournalSegment> found = recover(dir);
            long next = found.isEmpty() ? 1 : found.getLast().sequence + 1;
            UsageJournal journal = new UsageJournal(dir, settings, next);
            journal.stateLock.lock();
            try {
                found.forEach(s -> journal.segments.put(s.sequence, s));
            } finally {
                journal.stateLock.unlock();
            }
            journal.writer.start();
            return journal;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the usage journal in " + dir, e);
        }
    }

    /**
     * Appends {@code record} durably: returns once it is written to the file (on this thread), or, when the settings
     * say {@code syncFirst}, once its group-committed batch is fsynced (bounded by the append timeout).
     *
     * @throws UncheckedIOException when the record could not be made durable (disk full, I/O error, timeout)
     */
    public void append(UsageRecord record) {
        byte[] line = JournalCodec.encode(record);
        try {
            if (!settings.syncFirst()) {
                writer.write(record.requestId(), line);
                return;
            }
            writer.submit(record.requestId(), line).get(settings.appendTimeout().toMillis(),
                    java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException("usage journal append failed for request " + record.requestId(), e);
        } catch (ExecutionException e) {
            throw new UncheckedIOException("usage journal append failed for request " + record.requestId(),
                    e.getCause() instanceof IOException io ? io : new IOException(e.getCause()));
        } catch (TimeoutException e) {
            throw new UncheckedIOException(new IOException("usage journal append timed out for request "
                    + record.requestId()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted while appending to the usage journal"));
        }
    }

    /** Hands every record not yet settled to {@code consumer}, oldest segment first; returns how many. */
    public int replay(Consumer<UsageRecord> consumer) {
        Map<JournalSegment, Set<String>> snapshot = new java.util.LinkedHashMap<>();
        stateLock.lock();
        try {
            segments.values().forEach(s -> snapshot.put(s, new HashSet<>(s.pending)));
        } finally {
            stateLock.unlock();
        }
        Set<String> delivered = new HashSet<>();
        for (Map.Entry<JournalSegment, Set<String>> entry : snapshot.entrySet()) {
            JournalSegment.Contents contents;
            try {
                contents = entry.getKey().read();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read usage journal segment " + entry.getKey().data, e);
            }
            for (UsageRecord record : contents.records()) {
                if (entry.getValue().contains(record.requestId()) && delivered.add(record.requestId())) {
                    consumer.accept(record);
                }
            }
        }
        return delivered.size();
    }

    /** Records that these requests are in the database; never throws (a lost mark only means a harmless replay). */
    public void markSettled(Collection<String> requestIds) {
        stateLock.lock();
        try {
            for (JournalSegment segment : List.copyOf(segments.values())) {
                List<String> settledHere = requestIds.stream().filter(segment.pending::remove).toList();
                if (segment.pending.isEmpty() && !segment.current) {
                    deleteSegment(segment);
                } else if (!settledHere.isEmpty()) {
                    writeSettled(segment, settledHere);
                }
            }
        } finally {
            stateLock.unlock();
        }
    }

    public int unsettledCount() {
        stateLock.lock();
        try {
            return segments.values().stream().mapToInt(s -> s.pending.size()).sum();
        } finally {
            stateLock.unlock();
        }
    }

    @Override
    public void close() {
        writer.close();
    }

    // ---- called by JournalWriter, on its thread ----

    JournalSegment createSegment(long sequence) {
        JournalSegment segment = new JournalSegment(dir, sequence);
        segment.current = true;
        stateLock.lock();
        try {
            segments.values().forEach(s -> s.current = false);
            segments.put(sequence, segment);
            for (JournalSegment s : List.copyOf(segments.values())) {
                if (!s.current && s.pending.isEmpty()) {
                    deleteSegment(s);
                }
            }
        } finally {
            stateLock.unlock();
        }
        return segment;
    }

    /** The batch is durable: from now on settlement may mark it, and replay must return it. */
    void committed(JournalSegment segment, Collection<String> requestIds) {
        stateLock.lock();
        try {
            segment.pending.addAll(requestIds);
        } finally {
            stateLock.unlock();
        }
    }

    Path directory() {
        return dir;
    }

    private void deleteSegment(JournalSegment segment) {
        try {
            segment.delete();
            segments.remove(segment.sequence);
        } catch (IOException e) {
            log.warn("Cannot delete settled usage journal segment {}: {}", segment.data, e.toString());
        }
    }

    private static void writeSettled(JournalSegment segment, List<String> ids) {
        try (var out = Files.newOutputStream(segment.settled, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            for (String id : ids) {
                out.write(JournalCodec.encodeId(id));
            }
        } catch (IOException e) {
            log.warn("Cannot record settled usage in {} ({} records will be replayed again): {}",
                    segment.settled, ids.size(), e.toString());
        }
    }

    private static List<JournalSegment> recover(Path dir) throws IOException {
        List<Long> sequences;
        try (Stream<Path> files = Files.list(dir)) {
            sequences = files.map(JournalSegment::sequenceOf).flatMap(java.util.Optional::stream).sorted().toList();
        }
        List<JournalSegment> unsettled = new ArrayList<>();
        for (long sequence : sequences) {
            JournalSegment segment = new JournalSegment(dir, sequence);
            Set<String> settled = segment.readSettledIds();
            JournalSegment.Contents contents = segment.read();
            if (contents.damagedLines() > 0) {
                log.warn("Usage journal segment {}: skipped {} damaged line(s) (a write cut short by a crash)",
                        segment.data.getFileName(), contents.damagedLines());
            }
            contents.records().stream().map(UsageRecord::requestId).filter(id -> !settled.contains(id))
                    .forEach(segment.pending::add);
            if (segment.pending.isEmpty()) {
                segment.delete();
            } else {
                unsettled.add(segment);
            }
        }
        int pending = unsettled.stream().mapToInt(s -> s.pending.size()).sum();
        if (pending > 0) {
            log.info("Usage journal holds {} unsettled record(s) from an earlier run", pending);
        }
        return unsettled;
    }
}
