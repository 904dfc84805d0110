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
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for the {@link UsageJournal}: appenders queue their line and wait; one virtual thread takes
 * everything queued (up to a batch limit), writes it and releases the whole batch. By default it releases it once
 * written (what is written to the file survives a crash of this process) and a second thread fsyncs whatever was
 * written since its last fsync, at once and again as long as writes keep coming, so that an append never waits
 * for the disk (an fsync takes 10–20 ms on a busy disk). With {@code syncFirst} the writer fsyncs each batch before
 * releasing it (survives a power loss too; an append then waits about one to two fsyncs, and the next batch gathers
 * meanwhile).
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
    private final Semaphore unsynced = new Semaphore(0);
    private volatile boolean closing;
    /** The segment being written; the syncer fsyncs it. Replaced (after a last fsync) only by the writer. */
    private volatile FileChannel channel;

    // Owned by the writer thread.
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
        thread.start();
        if (!settings.syncFirst()) {
            syncer.start();
        }
    }

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
        closing = true;
        try {
            if (!thread.join(settings.appendTimeout())) {
                log.warn("Usage journal writer did not stop within {}", settings.appendTimeout());
                thread.interrupt();
            }
            if (!settings.syncFirst()) {
                unsynced.release(); // wake the syncer so that it sees closing
                syncer.join(settings.appendTimeout());
            }
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
            closeChannel();
            // Anything submitted while closing raced the last poll: fail it rather than leave a caller waiting.
            List<Submission> left = new ArrayList<>();
            queue.drainTo(left);
            left.forEach(s -> s.done.completeExceptionally(new IOException("the usage journal is closed")));
        }
    }

    private void commit(List<Submission> batch) {
        try {
            long bytes = batch.stream().mapToLong(s -> s.line.length).sum();
            if (channel == null || (segmentBytes > 0 && segmentBytes + bytes > settings.maxSegmentBytes())) {
                rotate();
            }
            ByteBuffer[] buffers = batch.stream().map(s -> ByteBuffer.wrap(s.line)).toArray(ByteBuffer[]::new);
            long written = 0;
            while (written < bytes) {
                written += channel.write(buffers);
            }
            segmentBytes += bytes;
            journal.committed(segment, batch.stream().map(Submission::requestId).toList());
            if (settings.syncFirst()) {
                channel.force(false);
            } else {
                unsynced.release();
            }
            batch.forEach(s -> s.done.complete(null));
        } catch (IOException | RuntimeException e) {
            log.error("Usage journal write failed for {} record(s): {}", batch.size(), e.toString());
            batch.forEach(s -> s.done.completeExceptionally(e));
            // A partial line must not be glued to the next record: continue in a fresh segment.
            closeChannel();
        }
    }

    /** Fsyncs what the writer wrote, as soon as it wrote it; batches of writes arriving meanwhile share one fsync. */
    private void syncLoop() {
        while (!closing || thread.isAlive()) {
            try {
                unsynced.acquire();
                unsynced.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
            FileChannel current = channel;
            if (current == null) {
                continue;
            }
            try {
                current.force(false);
            } catch (ClosedChannelException e) {
                // rotated or closed meanwhile: the writer fsynced it before closing it
            } catch (IOException e) {
                log.error("Usage journal fsync failed: {}", e.toString());
            }
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
