package dev.relaypool.server.reliability;

import dev.relaypool.fake.FakeUpstream;
import dev.relaypool.server.testing.PostgresExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.commons.io.FileUtils;

/**
 * What the process-level tests share: a data directory, the environment of the relay process (short lease TTL,
 * a fixed master key so the seeding relay and the process read the same credentials), a paced fake upstream so
 * that streams are in flight when the process dies, and the address the load follows across restarts.
 */
final class CrashRun implements AutoCloseable {
    /** A slot held by a dead process frees itself after this long. */
    static final Duration LEASE_TTL = Duration.ofSeconds(5);
    /** One per test JVM: a relay loads every account of its database, so tests sharing one must share the key. */
    static final String MASTER_KEY = randomKey();

    final Path dataDir;
    final FakeUpstream upstream;
    final Map<String, String> environment = new HashMap<>();
    final AtomicReference<String> relayUrl = new AtomicReference<>("http://127.0.0.1:9");

    CrashRun() {
        try {
            dataDir = Files.createTempDirectory("relaypool-crash");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        upstream = FakeUpstream.start(0);
        upstream.setReply("one two three four five six seven eight", 8);
        upstream.setPacing(Duration.ofMillis(100)); // ~1 s per answer: many are mid-stream at any instant
        environment.put("RELAYPOOL_DATA_DIR", dataDir.resolve("data").toString());
        environment.put("RELAYPOOL_SECURITY_MASTER_KEY", MASTER_KEY);
        environment.put("RELAYPOOL_SECURITY_ALLOW_PRIVATE_UPSTREAMS", "true");
        environment.put("RELAYPOOL_SECURITY_ALLOW_HTTP_UPSTREAMS", "true");
        environment.put("RELAYPOOL_SCHEDULING_LEASE_TTL_SECONDS", Long.toString(LEASE_TTL.toSeconds()));
        environment.put("RELAYPOOL_SERVER_SHUTDOWN_GRACE_SECONDS", "20");
        environment.put("RELAYPOOL_DATABASE_POOL_SIZE", "4");
    }

    CrashRun externalDatabase(PostgresExtension postgres) {
        environment.put("RELAYPOOL_DATABASE_URL", postgres.jdbcUrl());
        environment.put("RELAYPOOL_DATABASE_USER", postgres.user());
        environment.put("RELAYPOOL_DATABASE_PASSWORD", postgres.password());
        return this;
    }

    CrashRun redis(URI url) {
        environment.put("RELAYPOOL_REDIS_URL", url.toString());
        return this;
    }

    Books.Tenant seed() {
        return Books.seed(environment, upstream.baseUrl());
    }

    /** Starts a relay process; the load follows it. */
    RelayProcess startRelay() {
        RelayProcess relay = RelayProcess.start(environment, dataDir.resolve("relay.log"));
        relayUrl.set(relay.baseUrl());
        return relay;
    }

    /** Waits (bounded) until the load has had {@code answers} complete answers and streams are open upstream. */
    void awaitBusy(Load load, int answers) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline
                && (Load.completeIds(load.soFar()).size() < answers || upstream.openStreams() == 0)) {
            RelayProcess.sleep(50);
        }
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    @Override
    public void close() {
        upstream.close();
        FileUtils.deleteQuietly(dataDir.toFile());
    }
}
