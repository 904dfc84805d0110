package dev.relaypool.fake;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Live numbers a test or a benchmark reads: requests seen, requests and streams open, token calls. */
final class Counters {
    final AtomicLong requests = new AtomicLong();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger openStreams = new AtomicInteger();
    final AtomicLong tokenCalls = new AtomicLong();
    final AtomicLong ids = new AtomicLong();

    void reset() {
        requests.set(0);
        tokenCalls.set(0);
    }
}
