package dev.relaypool.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Brings the relay to its steady state before anything is measured: a server runs for days, and a fresh JVM spends
 * its first minute compiling (on two cores the JIT took a third of the CPU of an unwarmed throughput run). Drives
 * the relay for the given time with what the scenarios send: buffered answers one at a time and 32 at once, and
 * streams. Nothing of it is recorded.
 */
final class Warmup {
    private Warmup() {}

    static void run(Target relay, Duration length) throws InterruptedException {
        if (length.isZero()) {
            return;
        }
        long deadline = System.nanoTime() + length.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            boolean stream = i % 4 == 0;
            threads.add(Thread.ofVirtual().start(() -> {
                try (HttpConnection connection = new HttpConnection(relay.address())) {
                    while (System.nanoTime() < deadline) {
                        connection.exchange(stream ? relay.stream() : relay.plain(), null);
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
    }
}
