package dev.relaypool.server.coordination;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

/**
 * What the contract tests ({@code *Contract} interfaces) need from {@link CoordinationContract}: two nodes on
 * one store, per-test keys, and a way to let time pass.
 */
interface ContractFixture {
    /** Short enough to wait for in real time, long enough for a few round trips to a loaded Redis. */
    Duration TTL = Duration.ofMillis(500);
    Duration WINDOW = Duration.ofSeconds(1);
    /** Cross-node visibility must hold within a second. */
    Duration WITHIN = Duration.ofSeconds(1);

    Coordination node();

    /** A second node sharing the first one's store (in-process: the same node). */
    Coordination otherNode();

    /** {@code name}, made unique to the running test. */
    String key(String name);

    /** Lets {@code duration} pass for TTLs and windows (local: advances the clock; Redis: really waits). */
    void passTime(Duration duration);

    /** The clock the nodes were given (cooldown instants are made with it). */
    Clock clock();

    /** Now by {@link #clock()}, to the millisecond (the precision both stores keep). */
    default Instant now() {
        return clock().instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** Closes {@code resource} after the test, even when it fails. */
    <T extends AutoCloseable> T closeAfterTest(T resource);

    default <T extends AutoCloseable> T closeAfterTest(Optional<T> resource) {
        assertThat(resource).as("acquired").isPresent();
        return closeAfterTest(resource.get());
    }

    static long accountId() {
        return ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
    }

    /** Polls {@code condition} every 10 ms for at most {@code max}; true as soon as it holds. */
    static boolean eventually(Duration max, BooleanSupplier condition) {
        long deadline = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            sleep(Duration.ofMillis(10));
        }
        return true;
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
