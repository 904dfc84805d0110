package dev.relaypool.server.usage.rollup;

import static dev.relaypool.server.storage.schema.Tables.USAGE_ROLLUPS;

import dev.relaypool.server.coordination.ClusterLocks;
import dev.relaypool.server.storage.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes minute rollups older than {@code billing.minute-rollup-retention-hours}; hour and day rollups are kept.
 * Runs every {@link #INTERVAL} on whichever node takes the job's lock (deleting twice would be harmless, but
 * there is no point in every node doing it).
 */
public final class RollupPruner implements AutoCloseable {
    static final String LOCK = "usage-rollup-prune";
    static final Duration INTERVAL = Duration.ofMinutes(10);
    private static final Logger log = LoggerFactory.getLogger(RollupPruner.class);

    private final Database database;
    private final ClusterLocks locks;
    private final Duration retention;
    private final Clock clock;
    private ScheduledExecutorService timer;

    public RollupPruner(Database database, ClusterLocks locks, Duration retention, Clock clock) {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention must be positive");
        }
        this.database = database;
        this.locks = locks;
        this.retention = retention;
        this.clock = clock;
    }

    /** Starts the periodic runs; the first runs at once (after an upgrade it drops the backfill's old minutes). */
    public synchronized RollupPruner start() {
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("usage-rollup-prune").factory());
            timer.scheduleWithFixedDelay(this::runQuietly, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /** One run: the number of minute rows deleted, or -1 when another node holds the job's lock. */
    public int runOnce() {
        int[] deleted = {0};
        boolean ran = locks.runExclusively(LOCK, INTERVAL, () -> deleted[0] = database.dsl().deleteFrom(USAGE_ROLLUPS)
                .where(USAGE_ROLLUPS.GRANULARITY.eq(Granularity.MINUTE.column()),
                        USAGE_ROLLUPS.BUCKET_START.lt(clock.instant().minus(retention).atOffset(ZoneOffset.UTC)))
                .execute());
        if (deleted[0] > 0) {
            log.debug("Pruned {} minute rollup rows older than {}", deleted[0], retention);
        }
        return ran ? deleted[0] : -1;
    }

    private void runQuietly() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            // the database or Redis is away: the next run tries again
            log.warn("Pruning minute rollups failed: {}", e.toString());
        }
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }
}
