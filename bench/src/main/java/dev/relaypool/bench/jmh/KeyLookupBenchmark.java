package dev.relaypool.bench.jmh;

import dev.relaypool.bench.Seeder;
import dev.relaypool.server.RelaypoolServer;
import dev.relaypool.server.config.ConfigLoader;
import dev.relaypool.server.keys.ApiKeys;
import dev.relaypool.server.keys.KeyCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The gateway's key check as every request runs it: hash the presented key, find it in the cache (the database is
 * read only on a miss, every 30 s per key). A real node on an embedded PostgreSQL holds the key; an unknown key
 * exercises the negative cache.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class KeyLookupBenchmark {
    private Path dataDir;
    private RelaypoolServer server;
    private ApiKeys keys;
    private String known;
    private String unknown;

    @Setup
    public void setUp() throws IOException {
        dataDir = Files.createTempDirectory("relaypool-jmh");
        server = RelaypoolServer.start(ConfigLoader.load(null, Map.of("RELAYPOOL_DATA_DIR", dataDir.toString(),
                "RELAYPOOL_SERVER_HOST", "127.0.0.1", "RELAYPOOL_SERVER_PORT", "0",
                "RELAYPOOL_SECURITY_ALLOW_PRIVATE_UPSTREAMS", "true", "RELAYPOOL_SECURITY_ALLOW_HTTP_UPSTREAMS", "true")));
        keys = server.parts().keys();
        known = Seeder.seed(server, "http://127.0.0.1:9");
        unknown = known.substring(0, known.length() - 4) + (known.endsWith("aaaa") ? "bbbb" : "aaaa");
    }

    @TearDown
    public void tearDown() throws IOException {
        server.close();
        try (Stream<Path> paths = Files.walk(dataDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Benchmark
    public KeyCheck checkKnownKey() {
        return keys.check(known);
    }

    @Benchmark
    public KeyCheck checkUnknownKey() {
        return keys.check(unknown);
    }
}
