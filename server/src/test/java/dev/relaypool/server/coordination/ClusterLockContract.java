package dev.relaypool.server.coordination;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.server.coordination.ClusterLocks.ClusterLock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Cluster locks: one holder across nodes, freed on close or after the lease time, never stolen back. */
interface ClusterLockContract extends ContractFixture {
    Duration LONG = Duration.ofSeconds(30);

    @Test
    default void lockIsExclusiveAcrossNodes() {
        String name = key("token-refresh:7");
        ClusterLock held = node().locks().tryLock(name, LONG).orElseThrow();

        assertThat(otherNode().locks().tryLock(name, LONG)).isEmpty();
        assertThat(node().locks().tryLock(name, LONG)).as("not re-entrant").isEmpty();

        held.close();
        closeAfterTest(otherNode().locks().tryLock(name, LONG));
    }

    @Test
    default void runExclusivelyRunsOnlyWhereTheLockIsFree() {
        String name = key("rollup");
        AtomicInteger runs = new AtomicInteger();
        AtomicInteger nestedRan = new AtomicInteger();

        boolean ran = node().locks().runExclusively(name, LONG, () -> {
            runs.incrementAndGet();
            boolean nested = otherNode().locks().runExclusively(name, LONG, nestedRan::incrementAndGet);
            assertThat(nested).isFalse();
        });

        assertThat(ran).isTrue();
        assertThat(runs).hasValue(1);
        assertThat(nestedRan).hasValue(0);
        assertThat(otherNode().locks().runExclusively(name, LONG, runs::incrementAndGet)).as("freed afterwards").isTrue();
        assertThat(runs).hasValue(2);
    }

    @Test
    default void lockOfADeadHolderFreesItselfAndStaysWithTheNextHolder() {
        String name = key("probe");
        ClusterLock stale = node().locks().tryLock(name, TTL).orElseThrow();
        passTime(TTL.plusMillis(100));

        ClusterLock next = closeAfterTest(otherNode().locks().tryLock(name, LONG));
        stale.close();
        assertThat(stale.renew(LONG)).as("a lost lock cannot be renewed").isFalse();

        assertThat(node().locks().tryLock(name, LONG)).as("the stale close did not unlock the new holder").isEmpty();
        assertThat(next.renew(LONG)).isTrue();
    }

    @Test
    default void renewingKeepsALockHeld() {
        String name = key("renew");
        Duration lease = TTL.multipliedBy(2);
        ClusterLock held = closeAfterTest(node().locks().tryLock(name, lease));
        passTime(lease.multipliedBy(6).dividedBy(10));
        assertThat(held.renew(lease)).isTrue();
        passTime(lease.multipliedBy(6).dividedBy(10));

        assertThat(otherNode().locks().tryLock(name, lease)).isEmpty();
    }
}
