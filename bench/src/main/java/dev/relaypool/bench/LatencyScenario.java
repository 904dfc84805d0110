package dev.relaypool.bench;

/**
 * (a) Non-streaming requests of about 2 KB, one at a time, on one keep-alive connection per target, direct and
 * through the relay alternating in rounds so that drift in the machine's load hits both alike. The relay's added
 * latency is the difference of the percentiles.
 */
final class LatencyScenario {
    private LatencyScenario() {}

    static void run(Target direct, Target relay, boolean quick, int rounds, Report report) {
        int perRound = quick ? 250 : 600;
        int warmup = quick ? 1_000 : 3_000;
        try (HttpConnection toDirect = new HttpConnection(direct.address());
             HttpConnection toRelay = new HttpConnection(relay.address())) {
            Samples ignored = new Samples();
            int[] warmErrors = new int[1];
            loop(toDirect, direct, warmup, ignored, warmErrors);
            loop(toRelay, relay, warmup, ignored, warmErrors);
            Samples d = new Samples();
            Samples r = new Samples();
            int[] directErrors = new int[1];
            int[] relayErrors = new int[1];
            java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
            long clientCpu = 0;
            for (int round = 0; round < rounds; round++) {
                long before = cpu.getCurrentThreadCpuTime();
                loop(toDirect, direct, perRound, d, directErrors);
                clientCpu += cpu.getCurrentThreadCpuTime() - before;
                loop(toRelay, relay, perRound, r, relayErrors);
            }
            report.note(String.format(java.util.Locale.ROOT, "load generator's own CPU per request (c=1, measured on "
                    + "its thread): %.1f µs", clientCpu / 1e3 / Math.max(1, rounds * perRound)));
            String name = "latency c=1";
            for (double q : new double[] {0.50, 0.90, 0.99}) {
                double added = r.millis(q) - d.millis(q);
                String target = q == 0.50 ? "≤ 0.3 ms" : q == 0.99 ? "≤ 1 ms" : "";
                Boolean met = q == 0.50 ? Boolean.valueOf(added <= 0.3) : q == 0.99 ? Boolean.valueOf(added <= 1.0) : null;
                report.add(name, "p" + Math.round(q * 100) + " (" + r.size() + " requests each)", Report.ms(d.millis(q)),
                        Report.ms(r.millis(q)), Report.added(added), target, met);
            }
            report.add(name, "errors", Integer.toString(directErrors[0]), Integer.toString(relayErrors[0]), "", "0",
                    relayErrors[0] == 0);
        }
    }

    private static void loop(HttpConnection connection, Target target, int count, Samples samples, int[] errors) {
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            HttpConnection.Answer answer = connection.exchange(target.plain(), null);
            long took = System.nanoTime() - start;
            if (answer.ok()) {
                samples.add(took);
            } else {
                errors[0]++;
            }
        }
    }
}
