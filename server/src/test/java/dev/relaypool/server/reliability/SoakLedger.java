package dev.relaypool.server.reliability;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the soak's clients saw, kept small: counters per shape and outcome, and the relay request ids of the answers
 * as 64-bit numbers (16 bytes per request with the array growth) so that a long run's bookkeeping does not itself
 * look like heap creep.
 */
final class SoakLedger {
    private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> shapes = new ConcurrentHashMap<>();
    private final LongAdder faults = new LongAdder();
    private final Ids seen = new Ids();
    private final Ids answered = new Ids();
    private final Ids hungUp = new Ids();

    void record(SoakTraffic.Outcome outcome) {
        outcomes.computeIfAbsent(outcome.outcome(), k -> new LongAdder()).increment();
        shapes.computeIfAbsent(outcome.shape(), k -> new LongAdder()).increment();
        if (outcome.requestId() == null) {
            return;
        }
        long id = id(outcome.requestId());
        seen.add(id);
        if (outcome.answered()) {
            answered.add(id);
        } else if (SoakTraffic.Outcome.HUNG_UP.equals(outcome.outcome())) {
            hungUp.add(id);
        }
    }

    void faultInjected() {
        faults.increment();
    }

    long requests() {
        return outcomes.values().stream().mapToLong(LongAdder::sum).sum();
    }

    long faults() {
        return faults.sum();
    }

    Map<String, Long> outcomes() {
        return snapshot(outcomes);
    }

    Map<String, Long> shapes() {
        return snapshot(shapes);
    }

    long[] seenIds() { return seen.sorted(); }

    long[] answeredIds() { return answered.sorted(); }

    long[] hungUpIds() { return hungUp.sorted(); }

    /** The relay's ids are {@code req_} + 24 hex digits; their first 64 bits are unique enough for a soak. */
    static long id(String requestId) {
        return Long.parseUnsignedLong(requestId.substring(4, 20), 16);
    }

    private static Map<String, Long> snapshot(Map<String, LongAdder> counters) {
        Map<String, Long> copy = new TreeMap<>();
        counters.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }

    private static final class Ids {
        private long[] values = new long[1024];
        private int size;

        synchronized void add(long id) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = id;
        }

        synchronized long[] sorted() {
            long[] copy = Arrays.copyOf(values, size);
            Arrays.sort(copy);
            return copy;
        }
    }
}
