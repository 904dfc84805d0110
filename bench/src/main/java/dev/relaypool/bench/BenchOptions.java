package dev.relaypool.bench;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * The harness's command line. {@code --quick}: every scenario, smaller (about two minutes), for development;
 * the full run is what docs/performance.md reports.
 */
record BenchOptions(boolean quick, Optional<String> postgresUrl, Optional<String> postgresUser,
                    Optional<String> postgresPassword, Optional<String> redisUrl, Path output, String relayHeap,
                    boolean jfr, int manyStreams, Set<String> only, java.util.List<String> relayJvmOptions,
                    int latencyRounds, java.time.Duration warmup) {
    static final Set<String> SCENARIOS = Set.of("latency", "throughput", "streaming", "many-streams");

    static BenchOptions parse(String[] args) {
        boolean quick = false;
        boolean jfr = false;
        String pg = null;
        String pgUser = null;
        String pgPassword = System.getenv("RELAYPOOL_BENCH_POSTGRES_PASSWORD");
        String redis = null;
        Path output = Path.of("docs/performance-results.md");
        String heap = "512m";
        Integer streams = null;
        Integer rounds = null;
        Integer warmupSeconds = null;
        Set<String> only = SCENARIOS;
        java.util.List<String> jvmOptions = new java.util.ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--quick" -> quick = true;
                case "--jfr" -> jfr = true;
                case "--postgres-url" -> pg = value(args, ++i, arg);
                case "--postgres-user" -> pgUser = value(args, ++i, arg);
                case "--postgres-password" -> pgPassword = value(args, ++i, arg);
                case "--redis-url" -> redis = value(args, ++i, arg);
                case "--out" -> output = Path.of(value(args, ++i, arg));
                case "--relay-heap" -> heap = value(args, ++i, arg);
                case "--streams" -> streams = Integer.parseInt(value(args, ++i, arg));
                case "--only" -> only = Set.of(value(args, ++i, arg).split(","));
                case "--warmup-seconds" -> warmupSeconds = Integer.parseInt(value(args, ++i, arg));
                case "--latency-rounds" -> rounds = Integer.parseInt(value(args, ++i, arg));
                case "--relay-jvm-option" -> jvmOptions.add(value(args, ++i, arg));
                default -> throw new IllegalArgumentException("unknown option " + arg + "\n" + USAGE);
            }
        }
        if (!SCENARIOS.containsAll(only)) {
            throw new IllegalArgumentException("--only takes " + SCENARIOS);
        }
        if ((pg == null) != (redis == null)) {
            throw new IllegalArgumentException("give --postgres-url and --redis-url together (the external set-up)");
        }
        return new BenchOptions(quick, Optional.ofNullable(pg), Optional.ofNullable(pgUser), Optional.ofNullable(pgPassword),
                Optional.ofNullable(redis), output, heap, jfr, streams != null ? streams : quick ? 1_000 : 10_000, only,
                java.util.List.copyOf(jvmOptions), rounds != null ? rounds : quick ? 4 : 10,
                java.time.Duration.ofSeconds(warmupSeconds != null ? warmupSeconds : quick ? 15 : 60));
    }

    boolean external() {
        return postgresUrl.isPresent();
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    static final String USAGE = """
            ./relaypool bench [--quick] [--postgres-url JDBC_URL [--postgres-user U] [--postgres-password P] --redis-url URL]
                              [--out docs/performance-results.md] [--streams 10000] [--latency-rounds 10] [--warmup-seconds 60] [--relay-heap 512m] [--jfr]
                              [--relay-jvm-option OPTION]... (e.g. a profiler's -agentpath)
                              [--only latency,throughput,streaming,many-streams]""";
}
