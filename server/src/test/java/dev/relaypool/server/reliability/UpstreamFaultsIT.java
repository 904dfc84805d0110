package dev.relaypool.server.reliability;

import static dev.relaypool.server.reliability.FaultRig.millisSince;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.relaypool.fake.Behaviour;
import dev.relaypool.model.Platform;
import dev.relaypool.server.coordination.Cooldown;
import dev.relaypool.server.scheduling.CooldownPolicy;
import dev.relaypool.server.scheduling.PoolClient;
import dev.relaypool.server.storage.schema.tables.records.UsageLogRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Upstream failures before the response headers, through the real relay, for each protocol and for a pool of two
 * accounts and of one: what the client sees, how often the upstream was called (no tight retry loop), the cooldown
 * the account got, the leases, the usage rows and the member's money. Timeouts are short so that the suite is fast.
 */
class UpstreamFaultsIT {
    @RegisterExtension
    static final FaultRelay faults = new FaultRelay();

    /**
     * A fault on account A: the cooldown reason and length it earns, and what a client with no other account is told
     * (Anthropic status, OpenAI/Gemini status, and the retry-after it gets, if any).
     */
    record Fault(String name, Behaviour behaviour, String reason, Duration rest, int anthropicStatus, int otherStatus,
                 Duration retryAfter) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final List<Fault> FAULTS = List.of(
            new Fault("429 with retry-after", Behaviour.rateLimited(Duration.ofSeconds(42)), "rate_limited",
                    Duration.ofSeconds(42), 429, 429, Duration.ofSeconds(42)),
            new Fault("429 without retry-after", Behaviour.rateLimited(Duration.ZERO), "rate_limited",
                    CooldownPolicy.DEFAULTS.rateLimited(), 429, 429, CooldownPolicy.DEFAULTS.rateLimited()),
            new Fault("503 persistent", Behaviour.fail(dev.relaypool.fake.ErrorKind.UNAVAILABLE), "overloaded",
                    CooldownPolicy.DEFAULTS.overloaded(), 529, 503, CooldownPolicy.DEFAULTS.overloaded()),
            new Fault("connection reset before headers", Behaviour.resetBeforeHeaders(), "connect_failed",
                    CooldownPolicy.DEFAULTS.connectFailed(), 503, 503, CooldownPolicy.DEFAULTS.connectFailed()),
            new Fault("connection closed before headers", Behaviour.dropBeforeHeaders(), "connect_failed",
                    CooldownPolicy.DEFAULTS.connectFailed(), 503, 503, CooldownPolicy.DEFAULTS.connectFailed()),
            new Fault("no response at all", Behaviour.neverAnswer(), "header_timeout",
                    CooldownPolicy.DEFAULTS.connectFailed(), 504, 504, CooldownPolicy.DEFAULTS.connectFailed()));

    static Stream<Arguments> faultsByProtocol() {
        List<Arguments> cases = new ArrayList<>();
        for (Fault fault : FAULTS) {
            for (Platform platform : Platform.values()) {
                cases.add(Arguments.of(fault, platform));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "pool of 2, {1}: {0}")
    @MethodSource("faultsByProtocol")
    void aFaultBeforeTheHeadersFailsOverOnceAndTrafficStaysAway(Fault fault, Platform platform) throws Exception {
        FaultRig rig = faults.rig(platform, 2);
        faults.upstream().forCredential(rig.a(), fault.behaviour());
        Instant before = Instant.now();

        long started = System.nanoTime();
        PoolClient.Answer first = rig.send(platform == Platform.ANTHROPIC);
        assertThat(millisSince(started)).as("within one header timeout and the answer")
                .isLessThan(FaultRelay.HEADER_TIMEOUT.toMillis() + FaultRelay.SLACK_MILLIS);
        PoolClient.Answer second = rig.send(false);

        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(200);
        assertThat(rig.hits(rig.a())).as("A tried once, then left alone while it rests").isEqualTo(1);
        assertThat(rig.hits(rig.b())).isEqualTo(2);
        assertCooled(rig, rig.a(), fault, before);
        assertThat(rig.cooldown(rig.b())).isEmpty();
        rig.assertLeasesReturned();
        List<UsageLogRecord> rows = rig.settledRows(2);
        for (UsageLogRecord row : rows) {
            assertThat(row.getAccountId()).as("billed to the answering account").isEqualTo(rig.accountId(rig.b()));
            assertThat(row.getStatusCode()).isEqualTo(200);
            assertThat(row.getInputTokens() + row.getCacheReadTokens()).isEqualTo(1000);
            assertThat(row.getOutputTokens()).isEqualTo(200);
            assertThat(row.getActualCost()).isPositive();
        }
    }

    @ParameterizedTest(name = "pool of 1, {1}: {0}")
    @MethodSource("faultsByProtocol")
    void aFaultOfTheOnlyAccountIsAClearErrorAndTheNextRequestWaitsOutTheRest(Fault fault, Platform platform)
            throws Exception {
        FaultRig rig = faults.rig(platform, 1);
        faults.upstream().forCredential(rig.a(), fault.behaviour());
        Instant before = Instant.now();

        long started = System.nanoTime();
        PoolClient.Answer first = rig.send(false);
        assertThat(millisSince(started)).as("within one header timeout")
                .isLessThan(FaultRelay.HEADER_TIMEOUT.toMillis() + FaultRelay.SLACK_MILLIS);
        PoolClient.Answer second = rig.send(false);

        int status = platform == Platform.ANTHROPIC ? fault.anthropicStatus() : fault.otherStatus();
        assertThat(first.status()).isEqualTo(status);
        ProtocolErrors.assertEnvelope(platform, first.body());
        assertThat(Long.parseLong(first.headers().get("retry-after")))
                .as("the client is told when the account is back")
                .isCloseTo(fault.retryAfter().toSeconds(), within(2L));
        // a rate limit is told as one; an account resting after an outage as "unavailable, retry after"
        assertThat(second.status()).as("the resting account is not called again")
                .isEqualTo(fault.reason().equals("rate_limited") ? 429 : 503);
        ProtocolErrors.assertEnvelope(platform, second.body());
        assertThat(Long.parseLong(second.headers().get("retry-after"))).isPositive()
                .isLessThanOrEqualTo(fault.rest().toSeconds() + 1);
        assertThat(rig.hits(rig.a())).as("one attempt, no retry loop").isEqualTo(1);
        assertCooled(rig, rig.a(), fault, before);
        rig.assertLeasesReturned();
        List<UsageLogRecord> rows = rig.settledRows(2);
        assertThat(rows).allSatisfy(row -> assertThat(row.getActualCost()).isZero());
        assertThat(rig.balance()).isEqualByComparingTo(FaultRig.START_BALANCE);
    }

    private static void assertCooled(FaultRig rig, String credential, Fault fault, Instant before) {
        Cooldown cooldown = rig.cooldown(credential).orElseThrow(() -> new AssertionError("no cooldown"));
        assertThat(cooldown.reason()).isEqualTo(fault.reason());
        assertThat(Duration.between(before, cooldown.until()).toMillis()).isCloseTo(fault.rest().toMillis(), within(3_000L));
    }
}
