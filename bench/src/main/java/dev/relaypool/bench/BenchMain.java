package dev.relaypool.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The load harness: starts the fake upstream (in this JVM) and the relay (its own JVM, heap capped), then measures
 * direct-to-fake and through-the-relay in one run, on loopback: added latency, throughput, streaming, and many open
 * streams. Prints the table and writes it as Markdown (docs/performance-results.md by default).
 */
public final class BenchMain {
    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        Path workDir = Files.createTempDirectory("relaypool-bench");
        String setup = options.external() ? "external PostgreSQL + Redis" : "embedded PostgreSQL, in-process coordination";
        String heading = "## " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + " — " + setup
                + (options.quick() ? " (--quick)" : "") + "\n\n" + Machine.describe() + ", relay -Xmx" + options.relayHeap();
        System.out.println("bench: " + setup + (options.quick() ? ", quick" : "") + "; work directory " + workDir);
        Report report = new Report();
        boolean finished = false;
        try (FakeProcess fake = FakeProcess.start(workDir);
             RelayProcess relay = RelayProcess.start(options, workDir, fake)) {
            String session = "5f1d2c3b-0000-4000-8000-00000000bench".substring(0, 36);
            Target direct = Target.of("direct", fake.port(), "sk-bench-upstream-0", session);
            Target relayed = Target.of("relay", relay.port(), relay.memberKey(), session);
            System.out.println("bench: relay pid " + relay.pid() + " on port " + relay.port() + ", fake upstream on "
                    + fake.port());
            System.out.println("bench: warming the relay up for " + options.warmup().toSeconds() + " s");
            Warmup.run(relayed, options.warmup());
            report.note("before measuring, the relay was driven for " + options.warmup().toSeconds()
                    + " s (buffered and streamed, 32 at once) so that its JIT reaches its steady state");
            if (options.only().contains("latency")) {
                LatencyScenario.run(direct, relayed, options.quick(), options.latencyRounds(), report);
            }
            if (options.only().contains("throughput")) {
                ThroughputScenario.run(fake, direct, relayed, options.quick(), report);
            }
            if (options.only().contains("streaming")) {
                StreamingScenario.run(fake, direct, relayed, options.quick(), report);
            }
            if (options.only().contains("many-streams")) {
                Target overHttps = Target.of("relay", relay.port(), relay.httpsMemberKey(), session);
                ManyStreamsScenario.run(fake, direct, overHttps, relay, streamsThatFit(options.manyStreams(), report), report);
            }
            report.note("load while measuring (1-minute load average at the end): " + Machine.loadAverage());
            finished = !report.sawErrors();
        } finally {
            if (options.jfr() || !finished) {
                System.out.println("bench: relay.log" + (options.jfr() ? " and relay.jfr" : "") + " kept in " + workDir);
            } else {
                deleteQuietly(workDir);
            }
        }
        report.write(options.output(), heading);
        System.out.println();
        System.out.println(report.markdown(heading));
        System.out.println("bench: written to " + options.output().toAbsolutePath());
        System.exit(0); // the fake's and the clients' virtual threads are done; nothing else should keep us
    }

    /**
     * The many-streams scenario's accounts are on the fake's HTTPS listener, so the relay's upstream streams share a
     * few HTTP/2 connections: a stream holds one socket in the relay (its client's) and one here (the client itself).
     * The open-file limit caps them.
     */
    private static int streamsThatFit(int wanted, Report report) {
        long maxFiles = ((com.sun.management.UnixOperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getMaxFileDescriptorCount();
        int fit = (int) Math.min(Integer.MAX_VALUE, maxFiles - 1_000);
        if (wanted <= fit) {
            return wanted;
        }
        report.note("many streams: the open-file limit (ulimit -n " + maxFiles + ") lets the relay hold about " + fit
                + " streams (a socket each), so " + fit + " ran instead of " + wanted
                + "; raise the limit to " + (wanted + 1_000L) + " for the full count");
        return fit;
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory; the OS cleans it eventually
        }
    }
}
