package dev.relaypool.server.accounts.oauth;

import dev.relaypool.server.accounts.Accounts;
import dev.relaypool.server.coordination.ClusterLocks;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every {@code oauth.refresh-interval-seconds}, one node of the cluster (whichever takes the job's lock) refreshes
 * the OAuth tokens that expire within {@code oauth.refresh-margin-seconds}. Each account is then refreshed under its
 * own lock by {@link TokenRefresher}, so even two jobs that overlap cannot refresh one token twice.
 */
public final class RefreshJob implements AutoCloseable {
    static final String LOCK = "oauth-refresh-job";
    private static final Logger log = LoggerFactory.getLogger(RefreshJob.class);
    private static final int MAX_ACCOUNTS_PER_RUN = 1000;

    private final Accounts accounts;
    private final TokenRefresher refresher;
    private final ClusterLocks locks;
    private final Duration margin;
    private final Duration interval;
    private final Clock clock;
    private ScheduledExecutorService timer;

    RefreshJob(Accounts accounts, TokenRefresher refresher, ClusterLocks locks, Duration margin, Duration interval,
               Clock clock) {
        this.accounts = accounts;
        this.refresher = refresher;
        this.locks = locks;
        this.margin = margin;
        this.interval = interval;
        this.clock = clock;
    }

    /** Starts the periodic runs (the first after one interval). */
    synchronized RefreshJob start() {
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("oauth-refresh-job").factory());
            timer.scheduleWithFixedDelay(this::runQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /**
     * One run, if this node gets the job's lock: the number of tokens refreshed, or -1 when another node is running
     * the job right now.
     */
    public int runOnce() {
        AtomicInteger refreshed = new AtomicInteger();
        // held for at most a few token calls per account; the lease covers a long run, and it frees itself on a crash
        boolean ran = locks.runExclusively(LOCK, TokenRefresher.LOCK_LEASE.multipliedBy(5), () -> {
            List<Long> due = accounts.oauthExpiringBy(clock.instant().plus(margin));
            for (long id : due.subList(0, Math.min(due.size(), MAX_ACCOUNTS_PER_RUN))) {
                if (refresher.refresh(id, new TokenRefresher.Reason.DueSoon()) instanceof RefreshOutcome.Refreshed) {
                    refreshed.incrementAndGet();
                }
            }
        });
        return ran ? refreshed.get() : -1;
    }

    private void runQuietly() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            // the database or Redis is away: the next run tries again
            log.warn("OAuth refresh run failed: {}", e.toString());
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
