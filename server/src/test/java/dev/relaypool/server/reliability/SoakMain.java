package dev.relaypool.server.reliability;

import dev.relaypool.fake.FakeUpstream;
import dev.relaypool.server.RelaypoolServer;
import dev.relaypool.server.config.ConfigLoader;
import dev.relaypool.server.config.RelaypoolConfig;
import dev.relaypool.server.testing.RelayFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * {@code ./relaypool soak [--minutes N] [--clients C] [--report PATH]}: the default relay (embedded PostgreSQL,
 * in-process coordination) in a temporary data directory, a fake upstream with injected faults, and a mixed load for
 * N minutes; prints the report, writes it as Markdown, and exits 1 when an invariant fails. Lives in the test
 * sources so that it ships with neither the server nor the normal test run.
 */
public final class SoakMain {
    private SoakMain() {}

    public static void main(String[] args) throws Exception {
        double minutes = 10;
        int clients = 24;
        Path reportPath = Path.of("target", "soak-report.md");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--minutes" -> minutes = Double.parseDouble(value(args, ++i));
                case "--clients" -> clients = Integer.parseInt(value(args, ++i));
                case "--report" -> reportPath = Path.of(value(args, ++i));
                default -> usage("unknown argument " + args[i]);
            }
        }
        if (minutes <= 0 || clients < 1) {
            usage("--minutes must be positive and --clients at least 1");
        }
        Duration duration = Duration.ofMillis(Math.round(minutes * 60_000));
        Path dataDir = Files.createTempDirectory("relaypool-soak");
        SoakReport report;
        try (FakeUpstream upstream = FakeUpstream.start(0);
             RelaypoolServer server = RelaypoolServer.start(config(dataDir, Map.of()))) {
            System.out.printf("soak: relay on port %d, fake upstream at %s, %d clients for %s%n", server.port(),
                    upstream.baseUrl(), clients, duration);
            report = new Soak(server, upstream, Soak.Settings.of(duration, clients)).run();
        } finally {
            org.apache.commons.io.FileUtils.deleteQuietly(dataDir.toFile());
        }
        String markdown = report.markdown(machine(), "./relaypool soak --minutes " + trim(minutes)
                + " --clients " + clients);
        System.out.println();
        System.out.println(markdown);
        write(reportPath, markdown);
        System.out.println("soak: report written to " + reportPath.toAbsolutePath());
        System.exit(report.passed() ? 0 : 1);
    }

    /** The default configuration in {@code dataDir}, on loopback, allowed to reach the fake upstream. */
    static RelaypoolConfig config(Path dataDir, Map<String, String> overrides) {
        Map<String, String> env = RelayFixture.environment(dataDir);
        env.put("RELAYPOOL_DATABASE_POOL_SIZE", "10"); // the default, not the tests' small pool
        env.put("RELAYPOOL_SCHEDULING_PROBE_INTERVAL_SECONDS", "0");
        // every soak request is a new conversation, and its sticky binding is a cache entry that lives for the TTL:
        // with the default hour the heap would grow for an hour before levelling off, which the creep check cannot
        // tell from a leak; 30 s makes the start and the end of the run hold the same number of bindings
        env.put("RELAYPOOL_SCHEDULING_STICKY_TTL_SECONDS", "30");
        env.putAll(overrides);
        return ConfigLoader.load(null, env);
    }

    static String machine() {
        Runtime runtime = Runtime.getRuntime();
        return System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", "
                + runtime.availableProcessors() + " cores, Java " + Runtime.version() + ", max heap "
                + (runtime.maxMemory() >> 20) + " MiB";
    }

    private static void write(Path path, String markdown) throws IOException {
        if (path.getParent() != null) {
            Files.createDirectories(path.getParent());
        }
        Files.writeString(path, "# Soak report\n\n" + markdown);
    }

    private static String trim(double minutes) {
        return minutes == Math.rint(minutes) ? String.valueOf((long) minutes) : String.valueOf(minutes);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            usage(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    private static void usage(String problem) {
        System.err.println("soak: " + problem);
        System.err.println("usage: ./relaypool soak [--minutes N] [--clients C] [--report PATH]");
        System.exit(2);
    }
}
