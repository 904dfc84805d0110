package dev.relaypool.bench;

import java.util.Arrays;

/** Durations in nanoseconds, appended from one thread (or merged after), read as percentiles in milliseconds. */
final class Samples {
    private long[] values = new long[1024];
    private int size;
    private boolean sorted;

    void add(long nanos) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = nanos;
        sorted = false;
    }

    synchronized void addAll(Samples other) {
        for (int i = 0; i < other.size; i++) {
            add(other.values[i]);
        }
    }

    int size() {
        return size;
    }

    /** The q-quantile (0 &lt; q ≤ 1) by the nearest-rank method, in milliseconds; NaN when empty. */
    double millis(double q) {
        if (size == 0) {
            return Double.NaN;
        }
        if (!sorted) {
            Arrays.sort(values, 0, size);
            sorted = true;
        }
        int rank = (int) Math.ceil(q * size);
        return values[Math.clamp(rank - 1, 0, size - 1)] / 1e6;
    }

    double meanMillis() {
        long sum = 0;
        for (int i = 0; i < size; i++) {
            sum += values[i];
        }
        return size == 0 ? Double.NaN : sum / 1e6 / size;
    }
}
