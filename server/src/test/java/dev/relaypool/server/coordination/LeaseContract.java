package dev.relaypool.server.coordination;

import static dev.relaypool.server.coordination.ContractFixture.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Leases: limits hold under races, dead holders expire, waiters queue boundedly and wake on release. */
interface LeaseContract extends ContractFixture {
    Duration LONG = Duration.ofSeconds(30);

    @Test
    default void grantsExactlyTheLimitWhenManyRaceForSlots() throws Exception {
        String key = key("race");
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Optional<Lease>>> attempts = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 50; i++) {
                Leases leases = i % 2 == 0 ? node().leases() : otherNode().leases();
                attempts.add(threads.submit(() -> {
                    start.await();
                    return leases.tryAcquire(key, 5, LONG);
                }));
            }
            start.countDown();
        }
        List<Lease> granted = new ArrayList<>();
        for (Future<Optional<Lease>> attempt : attempts) {
            attempt.get().ifPresent(granted::add);
        }
        assertThat(granted).hasSize(5);
        assertThat(node().leases().inUse(key)).isEqualTo(5);
        granted.forEach(Lease::close);
        assertThat(node().leases().inUse(key)).isZero();
    }

    @Test
    default void neverHoldsMoreThanTheLimitWhileWaitersTakeTurns() throws Exception {
        String key = key("turns");
        AtomicInteger holding = new AtomicInteger();
        AtomicInteger mostHeld = new AtomicInteger();
        AtomicInteger served = new AtomicInteger();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 50; i++) {
                Leases leases = i % 2 == 0 ? node().leases() : otherNode().leases();
                threads.submit(() -> {
                    if (leases.acquire(key, 5, LONG, Duration.ofSeconds(20), 50) instanceof LeaseResult.Acquired(Lease lease)) {
                        try (lease) {
                            mostHeld.accumulateAndGet(holding.incrementAndGet(), Math::max);
                            Thread.sleep(5);
                            holding.decrementAndGet();
                            served.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
        }
        assertThat(served).hasValue(50);
        assertThat(mostHeld.get()).isBetween(1, 5);
        assertThat(node().leases().inUse(key)).isZero();
        assertThat(node().leases().waiting(key)).isZero();
    }

    @Test
    default void takesASlotOfEveryKeyOrNone() {
        String user = key("all-user");
        String apiKey = key("all-key");
        Lease blocker = node().leases().tryAcquire(apiKey, 1, LONG).orElseThrow();

        assertThat(otherNode().leases().tryAcquireAll(List.of(new Leases.Slot(user, 2), new Leases.Slot(apiKey, 1)), LONG))
                .as("the key's only slot is taken").isEmpty();
        assertThat(node().leases().inUse(user)).as("nothing taken by a refused batch").isZero();

        blocker.close();
        Lease both = closeAfterTest(otherNode().leases().tryAcquireAll(
                List.of(new Leases.Slot(user, 2), new Leases.Slot(apiKey, 1)), LONG));
        assertThat(node().leases().inUse(List.of(user, apiKey, key("all-none")))).containsExactly(1, 1, 0);
        assertThat(node().leases().tryAcquire(apiKey, 1, LONG)).isEmpty();
        assertThat(both.renew(LONG)).isTrue();

        both.close();
        assertThat(otherNode().leases().inUse(List.of(user, apiKey))).containsExactly(0, 0);
        assertThat(both.renew(LONG)).as("renewing a released lease").isFalse();
    }

    @Test
    default void takesTheLeastLoadedCandidateWithRoomByTierThenLoadThenOrder() {
        String a = key("pick-a"); // tier 0, limit 4
        String b = key("pick-b"); // tier 0, limit 2
        String c = key("pick-c"); // tier 1, unlimited
        List<Leases.Ranked> candidates = List.of(new Leases.Ranked(new Leases.Slot(a, 4), 0),
                new Leases.Ranked(new Leases.Slot(b, 2), 0), new Leases.Ranked(new Leases.Slot(c, 0), 1));

        // a 0/4 and b 0/2: equal load, the order given decides
        Leases.Pick first = node().leases().tryAcquireLeastLoaded(candidates, LONG);
        assertThat(first.index()).isZero();
        closeAfterTest(first.lease().orElseThrow());
        // a 1/4 against b 0/2: b
        Leases.Pick second = otherNode().leases().tryAcquireLeastLoaded(candidates, LONG);
        assertThat(second.index()).isEqualTo(1);
        closeAfterTest(second.lease().orElseThrow());
        // a 1/4 = 0.25 against b 1/2 = 0.5: a, twice; then a 3/4 against b 0.5: b
        List<Integer> taken = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Leases.Pick pick = node().leases().tryAcquireLeastLoaded(candidates, LONG);
            taken.add(pick.index());
            closeAfterTest(pick.lease().orElseThrow());
        }
        assertThat(taken).containsExactly(0, 0, 1);
        assertThat(node().leases().inUse(List.of(a, b, c))).containsExactly(3, 2, 0);

        // b is full: a's last slot; then tier 0 is full and the unlimited tier 1 takes every further request
        Leases.Pick last = otherNode().leases().tryAcquireLeastLoaded(candidates, LONG);
        assertThat(last.index()).isZero();
        closeAfterTest(last.lease().orElseThrow());
        for (int i = 0; i < 3; i++) {
            Leases.Pick pick = node().leases().tryAcquireLeastLoaded(candidates, LONG);
            assertThat(pick.index()).isEqualTo(2);
            closeAfterTest(pick.lease().orElseThrow());
        }
        assertThat(otherNode().leases().inUse(List.of(a, b, c))).containsExactly(4, 2, 3);

        // all full (tier 1 limited this time): no lease, and the candidate that came first to wait for
        Leases.Pick none = otherNode().leases().tryAcquireLeastLoaded(List.of(
                new Leases.Ranked(new Leases.Slot(b, 2), 0), new Leases.Ranked(new Leases.Slot(a, 4), 0),
                new Leases.Ranked(new Leases.Slot(c, 3), 1)), LONG);
        assertThat(none.lease()).isEmpty();
        assertThat(none.index()).as("b and a are both full (load 1): the order given").isZero();
        assertThat(node().leases().inUse(List.of(a, b, c))).as("nothing taken when all are full").containsExactly(4, 2, 3);
    }

    @Test
    default void slotsTakenTogetherExpireTogether() {
        String user = key("together-user");
        String apiKey = key("together-key");
        Lease both = closeAfterTest(node().leases().tryAcquireAll(
                List.of(new Leases.Slot(user, 1), new Leases.Slot(apiKey, 1)), TTL));

        passTime(TTL.plusMillis(100));

        assertThat(otherNode().leases().inUse(List.of(user, apiKey))).containsExactly(0, 0);
        assertThat(both.renew(TTL)).as("renewing after expiry").isFalse();
        closeAfterTest(otherNode().leases().tryAcquireAll(List.of(new Leases.Slot(user, 1), new Leases.Slot(apiKey, 1)), TTL));
    }

    @Test
    default void freesTheSlotOfAHolderThatDied() {
        String key = key("dead");
        closeAfterTest(node().leases().tryAcquire(key, 1, TTL)); // never released in time: the holder "died"
        assertThat(otherNode().leases().tryAcquire(key, 1, TTL)).isEmpty();

        passTime(TTL.plusMillis(100));

        assertThat(node().leases().inUse(key)).isZero();
        closeAfterTest(otherNode().leases().tryAcquire(key, 1, TTL));
    }

    @Test
    default void renewingKeepsALeaseAlive() {
        String key = key("renew");
        Duration ttl = TTL.multipliedBy(2);
        Lease lease = closeAfterTest(node().leases().tryAcquire(key, 1, ttl));
        passTime(ttl.multipliedBy(6).dividedBy(10));
        assertThat(lease.renew(ttl)).isTrue();
        passTime(ttl.multipliedBy(6).dividedBy(10)); // past the first expiry

        assertThat(node().leases().inUse(key)).isEqualTo(1);
        assertThat(otherNode().leases().tryAcquire(key, 1, ttl)).isEmpty();
        lease.close();
        assertThat(lease.renew(ttl)).as("renewing a released lease").isFalse();
    }

    @Test
    default void eachLeaseExpiresAtItsOwnTimeRenewalsIncluded() {
        String key = key("staggered");
        Duration ttl = TTL.multipliedBy(2);
        Lease first = closeAfterTest(node().leases().tryAcquire(key, 0, ttl));
        passTime(ttl.dividedBy(2));
        closeAfterTest(node().leases().tryAcquire(key, 0, ttl)); // expires at 1.5 ttl
        assertThat(first.renew(ttl.multipliedBy(2))).isTrue(); // from 1 ttl to 2.5 ttl

        passTime(ttl.multipliedBy(6).dividedBy(10)); // 1.1 ttl: past the first lease's original expiry
        assertThat(otherNode().leases().inUse(key)).isEqualTo(2);
        passTime(ttl.dividedBy(2)); // 1.6 ttl
        assertThat(otherNode().leases().inUse(key)).isEqualTo(1);
        assertThat(node().leases().tryAcquire(key, 2, ttl)).as("room for one more").isPresent()
                .hasValueSatisfying(Lease::close);
        passTime(ttl); // 2.6 ttl
        assertThat(otherNode().leases().inUse(key)).isZero();
    }

    @Test
    default void releasingTwiceFreesOnlyOneSlot() {
        String key = key("twice");
        Lease first = node().leases().tryAcquire(key, 2, LONG).orElseThrow();
        closeAfterTest(node().leases().tryAcquire(key, 2, LONG));

        first.close();
        first.close();

        assertThat(node().leases().inUse(key)).isEqualTo(1);
        closeAfterTest(otherNode().leases().tryAcquire(key, 2, LONG));
        assertThat(otherNode().leases().tryAcquire(key, 2, LONG)).isEmpty();
    }

    @Test
    default void countsLeasesWithoutALimit() {
        String key = key("unlimited");
        for (int i = 0; i < 3; i++) {
            closeAfterTest(node().leases().tryAcquire(key, 0, LONG));
        }
        assertThat(otherNode().leases().inUse(key)).isEqualTo(3);
    }

    @Test
    default void waiterGetsTheSlotWhenItIsReleased() throws Exception {
        String key = key("wake");
        Lease holder = node().leases().tryAcquire(key, 1, LONG).orElseThrow();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<LeaseResult> waiter = threads.submit(
                    () -> otherNode().leases().acquire(key, 1, LONG, Duration.ofSeconds(10), 5));
            assertThat(eventually(WITHIN, () -> node().leases().waiting(key) == 1)).as("queued").isTrue();

            long released = System.nanoTime();
            holder.close();
            LeaseResult result = waiter.get(5, TimeUnit.SECONDS);

            assertThat(result).isInstanceOf(LeaseResult.Acquired.class);
            assertThat(Duration.ofNanos(System.nanoTime() - released)).isLessThan(WITHIN);
            closeAfterTest(((LeaseResult.Acquired) result).lease());
        }
        assertThat(node().leases().waiting(key)).isZero();
    }

    @Test
    default void waiterGivesUpAfterItsMaximumWait() {
        String key = key("timeout");
        closeAfterTest(node().leases().tryAcquire(key, 1, LONG));

        LeaseResult result = otherNode().leases().acquire(key, 1, LONG, Duration.ofMillis(200), 5);

        assertThat(result).isInstanceOf(LeaseResult.TimedOut.class);
        assertThat(node().leases().waiting(key)).isZero();
    }

    @Test
    default void refusesAtOnceWhenTheWaitQueueIsFull() throws Exception {
        String key = key("full");
        Lease holder = node().leases().tryAcquire(key, 1, LONG).orElseThrow();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<LeaseResult> queued = threads.submit(
                    () -> node().leases().acquire(key, 1, LONG, Duration.ofSeconds(10), 1));
            assertThat(eventually(WITHIN, () -> otherNode().leases().waiting(key) == 1)).as("queued").isTrue();

            long asked = System.nanoTime();
            LeaseResult refused = otherNode().leases().acquire(key, 1, LONG, Duration.ofSeconds(10), 1);

            assertThat(refused).isInstanceOf(LeaseResult.QueueFull.class);
            assertThat(Duration.ofNanos(System.nanoTime() - asked)).isLessThan(WITHIN);
            holder.close();
            assertThat(queued.get(5, TimeUnit.SECONDS)).isInstanceOf(LeaseResult.Acquired.class);
            closeAfterTest(((LeaseResult.Acquired) queued.get()).lease());
        }
    }
}
