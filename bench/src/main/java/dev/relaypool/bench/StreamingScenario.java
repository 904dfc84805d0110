package dev.relaypool.bench;

import java.time.Duration;

/**
 * (c) Streams one at a time, direct and relay alternating in rounds: time to the first body byte, and the gaps
 * between consecutive events (the fake paces its events {@link #PACING_MS} apart, so a gap beyond that is delay
 * the relay added while passing an event on).
 */
final class StreamingScenario {
    static final int PACING_MS = 5;
    static final int DELTAS = 8;

    private StreamingScenario() {}

    static void run(FakeProcess fake, Target direct, Target relay, boolean quick, Report report) throws java.io.IOException {
        fake.answerAfter(0);
        fake.streamShape("Streaming benchmark answer, split into several text deltas for the relay to pass on.", DELTAS,
                Duration.ofMillis(PACING_MS));
        int rounds = quick ? 3 : 8;
        int perRound = quick ? 30 : 80;
        try (HttpConnection toDirect = new HttpConnection(direct.address());
             HttpConnection toRelay = new HttpConnection(relay.address())) {
            Timings warm = new Timings();
            loop(toDirect, direct, perRound, warm);
            loop(toRelay, relay, perRound, warm);
            Timings d = new Timings();
            Timings r = new Timings();
            for (int round = 0; round < rounds; round++) {
                loop(toDirect, direct, perRound, d);
                loop(toRelay, relay, perRound, r);
            }
            String name = "streaming c=1";
            String each = " (" + r.ttfb.size() + " streams each)";
            for (double q : new double[] {0.50, 0.99}) {
                double added = r.ttfb.millis(q) - d.ttfb.millis(q);
                report.add(name, "time to first byte p" + Math.round(q * 100) + each, Report.ms(d.ttfb.millis(q)),
                        Report.ms(r.ttfb.millis(q)), Report.added(added), q == 0.99 ? "≤ 2 ms" : "",
                        q == 0.99 ? Boolean.valueOf(added <= 2.0) : null);
            }
            for (double q : new double[] {0.50, 0.99}) {
                report.add(name, "gap between events p" + Math.round(q * 100) + " (paced " + PACING_MS + " ms)",
                        Report.ms(d.gaps.millis(q)), Report.ms(r.gaps.millis(q)),
                        Report.added(r.gaps.millis(q) - d.gaps.millis(q)), "", null);
            }
            report.add(name, "errors (incomplete streams)", Integer.toString(d.errors), Integer.toString(r.errors), "",
                    "0", r.errors == 0);
        } finally {
            fake.streamShape("Hello from the bench.", 4, Duration.ZERO);
        }
    }

    private static final class Timings {
        final Samples ttfb = new Samples();
        final Samples gaps = new Samples();
        int errors;
    }

    private static void loop(HttpConnection connection, Target target, int count, Timings timings) {
        for (int i = 0; i < count; i++) {
            long[] previous = new long[1];
            long start = System.nanoTime();
            previous[0] = -1;
            HttpConnection.Answer answer = connection.exchange(target.stream(), at -> {
                if (previous[0] > 0) {
                    timings.gaps.add(at - previous[0]);
                }
                previous[0] = at;
            });
            if (answer.okStream()) {
                timings.ttfb.add(answer.firstByteNanos() - start);
            } else {
                timings.errors++;
            }
        }
    }
}
