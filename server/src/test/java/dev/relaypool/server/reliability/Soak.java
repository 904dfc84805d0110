package dev.relaypool.server.reliability;

import dev.relaypool.fake.Behaviour;
import dev.relaypool.fake.FakeUpstream;
import dev.relaypool.server.RelaypoolServer;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * A soak run against a running relay and its fake upstream: seed a pool, warm up, measure the heap, drive a mixed
 * load with injected faults and client hang-ups for the chosen time, let everything settle, then compare what the
 * clients saw with what the relay holds (leases) and wrote (usage rows, money). {@link SoakMain} is the command.
 */
final class Soak {
    /**
     * {@code faultEvery}: how often an upstream fault is queued for whichever request comes next (time-based, so the
     * accounts' cool-downs stay bounded whatever the request rate); {@code hangUpRate}: clients that leave mid-answer;
     * {@code thinkTime}: the longest pause a client takes between two requests (drawn uniformly).
     */
    record Settings(Duration duration, int concurrency, Duration faultEvery, double hangUpRate, Duration thinkTime,
                    int members, int accountsPerPlatform) {
        Settings {
            if (duration.isNegative() || duration.isZero() || concurrency < 1 || members < 1 || accountsPerPlatform < 2) {
                throw new IllegalArgumentException("a soak needs a duration, clients, members and 2+ accounts per platform");
            }
            if (!faultEvery.isPositive() || thinkTime.isNegative() || hangUpRate < 0 || hangUpRate > 1) {
                throw new IllegalArgumentException("faults need an interval, think time >= 0, hang-up rate in [0, 1]");
            }
        }

        static Settings of(Duration duration, int concurrency) {
            return new Settings(duration, concurrency, Duration.ofSeconds(2), 0.02, Duration.ofMillis(200), 4, 4);
        }

        Duration warmUp() {
            return duration.dividedBy(5).compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30) : duration.dividedBy(5);
        }
    }

    private final RelaypoolServer server;
    private final FakeUpstream upstream;
    private final Settings settings;
    private final SoakLedger ledger = new SoakLedger();
    private final AtomicLong sequence = new AtomicLong();

    Soak(RelaypoolServer server, FakeUpstream upstream, Settings settings) {
        this.server = server;
        this.upstream = upstream;
        this.settings = settings;
    }

    SoakReport run() throws InterruptedException {
        Instant started = Instant.now();
        SoakPool pool = SoakPool.seed(server, upstream.baseUrl(), settings.members(), settings.accountsPerPlatform());
        upstream.setRecordLimit(0);
        upstream.setPacing(Duration.ofMillis(5));
        SoakTraffic traffic = new SoakTraffic("http://127.0.0.1:" + server.port(), pool);
        try {
            drive(traffic, settings.warmUp());
            SoakAudit audit = new SoakAudit(server, pool);
            audit.awaitIdle(Duration.ofSeconds(60));
            long heapStart = heapAfterFullGc();
            int threadsStart = ManagementFactory.getThreadMXBean().getThreadCount();
            drive(traffic, settings.duration().minus(settings.warmUp()));
            boolean idle = audit.awaitIdle(Duration.ofSeconds(120));
            long heapEnd = heapAfterFullGc();
            int threadsEnd = ManagementFactory.getThreadMXBean().getThreadCount();
            return audit.report(new SoakReport.Run(started, Duration.between(started, Instant.now()), settings,
                    ledger.faults()), ledger, idle, new SoakReport.Heap(heapStart, heapEnd, threadsStart, threadsEnd));
        } finally {
            traffic.close();
        }
    }

    /** {@code settings.concurrency()} virtual-thread clients, each sending one request after another until the time is up. */
    private void drive(SoakTraffic traffic, Duration duration) throws InterruptedException {
        long deadline = System.nanoTime() + duration.toNanos();
        List<Behaviour> faults = List.of(Behaviour.rateLimited(Duration.ofSeconds(1)), Behaviour.serverError(),
                Behaviour.dropBeforeHeaders(), Behaviour.cutAfter(2), Behaviour.cutAfter(3));
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            clients.submit(() -> {
                Random random = new Random(sequence.incrementAndGet());
                while (System.nanoTime() < deadline) {
                    Thread.sleep(settings.faultEvery());
                    upstream.enqueue(faults.get(random.nextInt(faults.size()))); // hits whichever request is next
                    ledger.faultInjected();
                }
                return null;
            });
            for (int c = 0; c < settings.concurrency(); c++) {
                long seed = sequence.incrementAndGet() * 7919L;
                clients.submit(() -> {
                    Random random = new Random(seed);
                    while (System.nanoTime() < deadline) {
                        ledger.record(traffic.send(random, sequence.incrementAndGet(),
                                random.nextDouble() < settings.hangUpRate()));
                        Thread.sleep(random.nextLong(settings.thinkTime().toMillis() + 1));
                    }
                    return null;
                });
            }
            clients.shutdown();
            if (!clients.awaitTermination(duration.toSeconds() + 180, TimeUnit.SECONDS)) {
                throw new IllegalStateException("soak clients did not finish within their time and three minutes");
            }
        }
        upstream.reset(); // faults queued but never consumed must not hit the next phase
        upstream.setRecordLimit(0);
        upstream.setPacing(Duration.ofMillis(5));
    }

    /** Heap in use after full collections, which settle after a few rounds. */
    static long heapAfterFullGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(200);
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    static boolean await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(100);
        }
        return condition.getAsBoolean();
    }
}
