package dev.relaypool.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.fake.FakeUpstream;
import dev.relaypool.model.Platform;
import dev.relaypool.server.testing.PostgresExtension;
import dev.relaypool.server.testing.RelayFixture;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The relay of a fault suite, per test class: started warm with upstream waits short enough for a fast suite and no
 * background probes (tests probe when they mean to); before each test the fake answers again, with a fixed usage
 * every row can be checked against. It brings the class's own PostgreSQL database ({@link PostgresExtension}).
 */
final class FaultRelay implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {
    private final PostgresExtension postgres = new PostgresExtension(); // the class's own database, started first
    static final Duration HEADER_TIMEOUT = Duration.ofMillis(800);
    static final Duration STREAM_IDLE = Duration.ofMillis(600);
    static final Duration HANG_LIMIT = Duration.ofSeconds(30);
    /** Slack on top of a budget for a loaded machine; still far below the fake's hang limit. */
    static final long SLACK_MILLIS = 4_000;

    private RelayFixture relay;

    RelayFixture relay() {
        return relay;
    }

    FakeUpstream upstream() {
        return relay.upstream;
    }

    FaultRig rig(Platform platform, int poolSize) {
        return new FaultRig(relay, postgres, platform, poolSize);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        postgres.beforeAll(context);
        relay = RelayFixture.start(postgres, Map.of(
                "RELAYPOOL_GATEWAY_RESPONSE_HEADER_TIMEOUT_MS", Long.toString(HEADER_TIMEOUT.toMillis()),
                "RELAYPOOL_GATEWAY_STREAM_IDLE_TIMEOUT_MS", Long.toString(STREAM_IDLE.toMillis()),
                "RELAYPOOL_GATEWAY_CONNECT_TIMEOUT_MS", "1000",
                "RELAYPOOL_SCHEDULING_PROBE_INTERVAL_SECONDS", "0",
                "RELAYPOOL_SCHEDULING_ACCOUNT_WAIT_MS", "300"));
        warmUp();
    }

    /**
     * One answered request per protocol, so that no scenario's time bound pays for a cold JVM (whose very first
     * request can outlast the short header timeout: then a fresh throwaway pool tries again, a bounded few times).
     */
    private void warmUp() throws Exception {
        for (Platform platform : Platform.values()) {
            int status = 0;
            for (int attempt = 0; attempt < 5 && status != 200; attempt++) {
                status = rig(platform, 1).send(true).status();
            }
            assertThat(status).as("warm-up of " + platform).isEqualTo(200);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        relay.upstream.reset();
        // far beyond every relay budget: a request that only ends because the fake gave up shows as a hang
        relay.upstream.setHangLimit(HANG_LIMIT);
        relay.upstream.setUsage(dev.relaypool.fake.Usage.of(1000, 200));
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            relay.close();
        } finally {
            postgres.afterAll(context);
        }
    }
}
