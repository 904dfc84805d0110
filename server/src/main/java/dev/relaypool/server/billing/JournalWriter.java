package dev.relaypool.server.billing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the {@link UsageJournal}'s segments. By default an appender writes its own line, under a lock, and returns:
 * what is written to the file survives a crash of this process. A second thread fsyncs whatever was written since
 * its last fsync, within milliseconds and back to back while writes keep coming, so that an append never waits for the disk (an
 * fsync takes 10–20 ms on a busy disk) nor for another thread. With {@code syncFirst} appends are group-committed
 * instead: appenders queue their line and wait; one virtual thread takes everything queued (up to a batch limit),
 * writes it, fsyncs it and releases the whole batch (survives a power loss too; an append then waits about one to
 * two fsyncs, and the next batch gathers meanwhile).
 */
final class JournalWriter {
    private static final Logger log = LoggerFactory.getLogger(JournalWriter.class);
    private static final long POLL_MILLIS = 50;

    private record Submission(String requestId, byte[] line, CompletableFuture<Void> done) {}

    private final UsageJournal journal;
    private final UsageJournal.Settings settings;
    private final BlockingQueue<Submission> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private final Thread syncer;
    /** Appends written so far; the syncer compares it with what it has fsynced. Never a wake-up on the append path. */
    private final AtomicLong writes = new AtomicLong();
    /** How often an idle syncer looks for new writes: the most an fsync lags behind a write that follows a pause. */
    private static final long SYNC_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private volatile boolean closing;
    /** The segment being written; the syncer fsyncs it. Replaced (after a last fsync) only by the writer. */
    private volatile FileChannel channel;

    /** Held while writing: by an appender, or by the group-commit thread. */
    private final ReentrantLock writeLock = new ReentrantLock();

    // Guarded by writeLock.
    private long nextSequence;
    private JournalSegment segment;
    private long segmentBytes;

    JournalWriter(UsageJournal journal, UsageJournal.Settings settings, long nextSequence) {
        this.journal = journal;
        this.settings = settings;
        this.nextSequence = nextSequence;
        this.thread = Thread.ofVirtual().name("usage-journal-writer").unstarted(this::run);
        this.syncer = Thread.ofPlatform().daemon().name("usage-journal-fsync").unstarted(this::syncLoop);
    }

    void start() throws IOException {
        openSegment();
        if (settings.syncFirst()) {
            thread.start();
        } else {
            syncer.start();
        }
    }

    /**
     * Writes {@code line} now, on the caller's thread (not with {@code syncFirst}); the fsync follows on the syncer.
     * Waits for another appender's write at most the append timeout.
     */
    void write(String requestId, byte[] line) throws IOException {
        try {
            if (!writeLock.tryLock(settings.appendTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IOException("timed out waiting to write the usage journal");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while appending to the usage journal");
        }
        try {
            if (closing) {
                throw new IOException("the usage journal is closed");
            }
            writeLocked(List.of(requestId), new ByteBuffer[] {ByteBuffer.wrap(line)}, line.length);
        } finally {
            writeLock.unlock();
        }
        writes.incrementAndGet();
    }

    /** With {@code syncFirst}: queues {@code line} for the group commit; done once written and fsynced. */
    CompletableFuture<Void> submit(String requestId, byte[] line) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (closing) {
            done.completeExceptionally(new IOException("the usage journal is closed"));
        } else {
            queue.add(new Submission(requestId, line, done));
        }
        return done;
    }

    void close() {
        try {
            if (settings.syncFirst()) {
                closing = true;
                if (!thread.join(settings.appendTimeout())) {
                    log.warn("Usage journal writer did not stop within {}", settings.appendTimeout());
                    thread.interrupt();
                }
                return;
            }
            writeLock.lock();
            try {
                closing = true;
                closeChannel();
            } finally {
                writeLock.unlock();
            }
            LockSupport.unpark(syncer); // so that it sees closing now
            syncer.join(settings.appendTimeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            while (!closing || !queue.isEmpty()) {
                Submission first = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (first != null) {
                    List<Submission> batch = new ArrayList<>();
                    batch.add(first);
                    queue.drainTo(batch, settings.maxBatch() - 1);
                    commit(batch);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            writeLock.lock();
            try {
                closeChannel();
            } finally {
                writeLock.unlock();
            }
            // Anything submitted while closing raced the last poll: fail it rather than leave a caller waiting.
            List<Submission> left = new ArrayList<>();
            queue.drainTo(left);
            left.forEach(s -> s.done.completeExceptionally(new IOException("the usage journal is closed")));
        }
    }

    private void commit(List<Submission> batch) {
        writeLock.lock();
        try {
            writeLocked(batch.stream().map(Submission::requestId).toList(),
                    batch.stream().map(s -> ByteBuffer.wrap(s.line)).toArray(ByteBuffer[]::new),
                    batch.stream().mapToLong(s -> s.line.length).sum());
            channel.force(false);
            batch.forEach(s -> s.done.complete(null));
        } catch (IOException | RuntimeException e) {
            batch.forEach(s -> s.done.completeExceptionally(e));
        } finally {
            writeLock.unlock();
        }
    }

    /** Writes whole lines to the current segment (rotating first when it is full); under {@link #writeLock}. */
    private void writeLocked(List<String> requestIds, ByteBuffer[] lines, long bytes) throws IOException {
        try {
            if (channel == null || (segmentBytes > 0 && segmentBytes + bytes > settings.maxSegmentBytes())) {
                rotate();
            }
            long written = 0;
            while (written < bytes) {
                written += channel.write(lines);
            }
            segmentBytes += bytes;
            journal.committed(segment, requestIds);
        } catch (IOException | RuntimeException e) {
            log.error("Usage journal write failed for {} record(s): {}", requestIds.size(), e.toString());
            // A partial line must not be glued to the next record: continue in a fresh segment.
            closeChannel();
            throw e;
        }
    }

    /**
     * Fsyncs what appenders wrote, as soon as it sees it: back to back while writes keep coming (each fsync covering
     * every write before it), and looking every few milliseconds when idle. Appenders never wake it: a wake-up on the
     * answer's path costs more than the fsync's lag (a thread woken on a small machine preempts the one that woke it).
     */
    private void syncLoop() {
        long synced = 0;
        while (!closing) {
            long written = writes.get();
            if (written == synced) {
                LockSupport.parkNanos(SYNC_POLL_NANOS);
                continue;
            }
            FileChannel current = channel;
            if (current != null) {
                try {
                    current.force(false);
                } catch (ClosedChannelException e) {
                    // rotated or closed meanwhile: the writer fsynced it before closing it
                } catch (IOException e) {
                    log.error("Usage journal fsync failed: {}", e.toString());
                }
            }
            synced = written;
        }
    }

    private void rotate() throws IOException {
        closeChannel();
        openSegment();
    }

    private void openSegment() throws IOException {
        segment = journal.createSegment(nextSequence++);
        segmentBytes = 0;
        channel = FileChannel.open(segment.data, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        syncDirectory();
    }

    /** Makes the new file's directory entry durable, so a crash cannot lose the whole segment. */
    private void syncDirectory() {
        try (FileChannel dir = FileChannel.open(journal.directory(), StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            log.debug("Directory fsync not supported here: {}", e.toString());
        }
    }

    private void closeChannel() {
        if (channel != null) {
            try {
                channel.force(false); // what the syncer has not reached yet
            } catch (IOException e) {
                log.warn("Fsync of the usage journal segment failed: {}", e.toString());
            }
            try {
                channel.close();
            } catch (IOException e) {
                log.warn("Closing usage journal segment failed: {}", e.toString());
            }
            channel = null;
        }
    }
}
