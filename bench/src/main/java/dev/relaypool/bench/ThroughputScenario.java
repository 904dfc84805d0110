package dev.relaypool.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * (b) Closed-loop throughput: {@code c} virtual threads, each on its own keep-alive connection, send non-streaming
 * requests back to back for a fixed time; direct and relay alternate in rounds. The upstream answers at once or
 * after 20 ms (the fake's first-token delay, which holds back a JSON answer's headers).
 */
final class ThroughputScenario {
    private ThroughputScenario() {}

    static void run(FakeProcess fake, Target direct, Target relay, boolean quick, Report report)
            throws InterruptedException, java.io.IOException {
        Duration slice = Duration.ofSeconds(quick ? 2 : 6);
        int rounds = quick ? 1 : 2;
        for (int delayMs : new int[] {0, 20}) {
            fake.answerAfter(delayMs);
            for (int concurrency : new int[] {32, 128}) {
                drive(relay, concurrency, Duration.ofSeconds(1), new Errors()); // connections and JIT for this shape
                long ok = 0;
                long relayedOk = 0;
                Errors directErrors = new Errors();
                Errors relayErrors = new Errors();
                for (int round = 0; round < rounds; round++) {
                    ok += drive(direct, concurrency, slice, directErrors);
                    relayedOk += drive(relay, concurrency, slice, relayErrors);
                }
                double seconds = slice.toMillis() / 1000.0 * rounds;
                double directRate = ok / seconds;
                double relayRate = relayedOk / seconds;
                double ratio = relayRate / directRate;
                boolean judged = concurrency == 128 && delayMs == 0;
                report.add("throughput", "c=" + concurrency + ", upstream " + delayMs + " ms (req/s)", Report.num(directRate),
                        Report.num(relayRate), String.format(java.util.Locale.ROOT, "%.0f %% of direct", ratio * 100),
                        judged ? "≥ 50 %" : "", judged ? Boolean.valueOf(ratio >= 0.5) : null);
                report.add("throughput", "c=" + concurrency + ", upstream " + delayMs + " ms errors",
                        directErrors.toString(), relayErrors.toString(), "", "0", relayErrors.total() == 0);
            }
        }
        fake.answerAfter(0);
    }

    /** Requests answered 2xx in {@code length} of closed-loop load; the others go to {@code errors}. */
    static long drive(Target target, int concurrency, Duration length, Errors errors) throws InterruptedException {
        LongAdder ok = new LongAdder();
        long deadline = System.nanoTime() + length.toNanos();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            workers.add(Thread.ofVirtual().start(() -> {
                try (HttpConnection connection = new HttpConnection(target.address())) {
                    while (System.nanoTime() < deadline) {
                        HttpConnection.Answer answer = connection.exchange(target.plain(), null);
                        if (answer.ok()) {
                            ok.increment();
                        } else {
                            errors.add(answer);
                        }
                    }
                }
            }));
        }
        for (Thread worker : workers) {
            worker.join();
        }
        return ok.sum();
    }
}
