package dev.relaypool.server.coordination;

import java.time.Duration;
import java.util.Optional;

/**
 * Named mutexes held by at most one node (and one holder) at a time: scheduled jobs that must run once per
 * cluster, or per-item work such as refreshing one account's OAuth token. A lock frees itself after
 * {@code leaseTime} if its holder dies, so {@code leaseTime} must exceed the work it guards (or renew it).
 */
public interface ClusterLocks {

    /** The lock at once, or empty when someone holds it. */
    Optional<ClusterLock> tryLock(String name, Duration leaseTime);

    /** Runs {@code work} under the lock if it is free; false (without running) when someone else holds it. */
    default boolean runExclusively(String name, Duration leaseTime, Runnable work) {
        Optional<ClusterLock> lock = tryLock(name, leaseTime);
        if (lock.isEmpty()) {
            return false;
        }
        try (ClusterLock held = lock.get()) {
            work.run();
        }
        return true;
    }

    /** A held lock; {@link #close()} unlocks it (only if still ours), is idempotent and never throws. */
    interface ClusterLock extends AutoCloseable {
        String name();

        /** Extends the lock to {@code leaseTime} from now; false when it was already lost. */
        boolean renew(Duration leaseTime);

        @Override
        void close();
    }
}
