package dev.relaypool.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * (d) Thousands of slow streams through the relay at once (one event a second), to accounts on the fake's HTTPS
 * listener (HTTP/2, as the providers' APIs offer it: the relay's upstream streams share a few connections): opened
 * over a ramp of
 * {@link #RAMP}, then held; the relay's resident memory and heap are sampled while they are all open, and its live
 * heap is read once after a full GC at the plateau. Every stream must end with its final event. How long the streams
 * took is reported beside: on two cores shared with the upstream and the clients, thousands of events a second
 * saturate the CPU and stretch the 30 s streams; a stream is counted unfinished only when it has not ended
 * {@link #PATIENCE} after the ramp.
 */
final class ManyStreamsScenario {
    private static final Duration RAMP = Duration.ofSeconds(10);
    /** How long the processes' CPU use is measured for once every stream is open. */
    private static final Duration CPU_WINDOW = Duration.ofSeconds(12);
    private static final int PACING_MS = 1_000;
    private static final int DELTAS = 30;
    /** How long after the ramp every stream must have ended (five times its paced length). */
    private static final Duration PATIENCE = Duration.ofSeconds(5L * DELTAS * PACING_MS / 1_000);

    private ManyStreamsScenario() {}

    /** The clients of one pass: their threads, how many streams ended well, how long they took, what failed. */
    private record Pass(List<Thread> clients, LongAdder ok, Samples durations, Errors errors) {
        boolean running() {
            return clients.stream().anyMatch(Thread::isAlive);
        }

        String lengths() {
            synchronized (durations) {
                return String.format("%.1f s / %.1f s", durations.millis(0.5) / 1_000, durations.millis(1.0) / 1_000);
            }
        }

        /** Waits (bounded by {@link #PATIENCE}) for every stream to end; counts the ones that did not. */
        void finish(int streams) throws InterruptedException {
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (running() && System.nanoTime() < deadline) {
                Thread.sleep(500);
            }
            for (Thread client : clients) {
                client.join(Duration.ofSeconds(5));
            }
            errors.add("unfinished", streams - ok.sum() - errors.total());
        }
    }

    /** Opens {@code streams} streams to {@code target} over {@link #RAMP}, a virtual thread each; returns once all started. */
    private static Pass open(Target target, int streams) throws InterruptedException {
        Pass pass = new Pass(new ArrayList<>(streams), new LongAdder(), new Samples(), new Errors());
        long pauseNanos = RAMP.toNanos() / streams;
        long started = System.nanoTime();
        for (int i = 0; i < streams; i++) {
            pass.clients().add(Thread.ofVirtual().start(() -> {
                long begun = System.nanoTime();
                try (HttpConnection connection = new HttpConnection(target.address(), 1024)) {
                    HttpConnection.Answer answer = connection.exchange(target.stream(), null);
                    if (answer.okStream()) {
                        pass.ok().increment();
                        synchronized (pass.durations()) {
                            pass.durations().add(System.nanoTime() - begun);
                        }
                    } else {
                        pass.errors().add(answer);
                    }
                }
            }));
            long due = started + pauseNanos * (i + 1);
            while (System.nanoTime() < due) {
                Thread.onSpinWait();
                if (due - System.nanoTime() > 1_000_000) {
                    Thread.sleep(1);
                }
            }
        }
        return pass;
    }

    /**
     * The same streams first straight to the fake (HTTP/1.1, a socket each: how long they take on this machine
     * without the relay), then through the relay, sampled every few seconds (jcmd costs a JVM start).
     */
    static void run(FakeProcess fake, Target direct, Target relay, RelayProcess process, int streams, Report report)
            throws InterruptedException, java.io.IOException {
        fake.answerAfter(0);
        fake.streamShape("a slow stream ".repeat(DELTAS), DELTAS, Duration.ofMillis(PACING_MS));
        try {
            Pass straight = open(direct, streams);
            straight.finish(streams);

            Pass pass = open(relay, streams);
            long maxHeap = 0;
            long maxRss = 0;
            int maxUpstream = 0;
            int maxAtRelay = 0;
            long liveHeap = -1;
            CpuTimes cpuFrom = null;
            String cpuCores = null;
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (pass.running() && System.nanoTime() < deadline) {
                int upstream = sampleOpenStreams(fake);
                maxUpstream = Math.max(maxUpstream, upstream);
                int atRelay = process.leasesInUse();
                maxAtRelay = Math.max(maxAtRelay, atRelay);
                maxHeap = Math.max(maxHeap, process.heapUsedMib(false));
                maxRss = Math.max(maxRss, process.residentMib()[0]);
                // at the plateau: the live heap (a full GC), then the three processes' CPU over CPU_WINDOW
                if (liveHeap < 0 && atRelay >= streams * 0.98) {
                    liveHeap = process.heapUsedMib(true);
                } else if (liveHeap >= 0 && cpuFrom == null) {
                    cpuFrom = CpuTimes.now(process, fake);
                } else if (cpuFrom != null && cpuCores == null
                        && System.nanoTime() - cpuFrom.atNanos() >= CPU_WINDOW.toNanos()) {
                    cpuCores = cpuFrom.coresUntil(CpuTimes.now(process, fake));
                }
                Thread.sleep(3_000);
            }
            pass.finish(streams);

            String what = streams + " streams, 1 event/s";
            report.add("many streams", what + ": open at once at the relay (account leases held)", "",
                    Integer.toString(maxAtRelay), "", "all", maxAtRelay >= streams * 0.98);
            report.add("many streams", what + ": open at once at the upstream", "", Integer.toString(maxUpstream), "",
                    "", null);
            report.add("many streams", what + ": errors", straight.errors().toString(), pass.errors().toString(), "",
                    "0", pass.ok().sum() == streams);
            report.add("many streams", what + ": relay → upstream HTTP/2 connections", "",
                    Integer.toString(fake.http2Connections()), "", "", null);
            report.add("many streams", what + ": stream length p50 / max (paced: " + DELTAS + " s)",
                    straight.lengths(), pass.lengths(), "", "", null);
            report.add("many streams", what + ": CPU after the plateau's full GC, cores: relay / fake upstream / clients", "",
                    cpuCores == null ? "not reached" : cpuCores, "", "", null);
            report.add("many streams", what + ": relay heap used, max sampled", "", maxHeap + " MiB", "",
                    "≤ 512 MiB", maxHeap <= 512);
            report.add("many streams", what + ": relay live heap after GC, all open", "",
                    liveHeap < 0 ? "not reached" : liveHeap + " MiB", "", "", null);
            report.add("many streams", what + ": relay resident memory, max sampled", "", maxRss + " MiB", "", "",
                    null);
        } finally {
            fake.streamShape("Hello from the bench.", 4, Duration.ZERO);
        }
    }

    /** CPU nanoseconds so far of the relay, the fake and this process (the clients), and when they were read. */
    private record CpuTimes(long relay, long fake, long clients, long atNanos) {
        static CpuTimes now(RelayProcess relay, FakeProcess fake) {
            return new CpuTimes(Machine.cpuNanos(relay.pid()), Machine.cpuNanos(fake.pid()),
                    Machine.cpuNanos(ProcessHandle.current().pid()), System.nanoTime());
        }

        /** The cores each used from this reading to {@code later}. */
        String coresUntil(CpuTimes later) {
            double wall = later.atNanos - atNanos;
            return String.format("%.2f / %.2f / %.2f (over %.0f s)", (later.relay - relay) / wall,
                    (later.fake - fake) / wall, (later.clients - clients) / wall, wall / 1e9);
        }
    }

    /** The fake's count of open streams, or 0 when its control endpoint is too busy to answer this round. */
    private static int sampleOpenStreams(FakeProcess fake) {
        try {
            return fake.openStreams();
        } catch (java.io.IOException e) {
            System.out.println("  note: many streams: the fake upstream's stats did not answer this round (" + e + ")");
            return 0;
        }
    }
}
