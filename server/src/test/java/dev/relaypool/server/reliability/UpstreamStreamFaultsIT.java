package dev.relaypool.server.reliability;

import static dev.relaypool.server.reliability.FaultRig.millisSince;
import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.fake.Behaviour;
import dev.relaypool.model.Platform;
import dev.relaypool.server.scheduling.PoolClient;
import dev.relaypool.server.storage.schema.tables.records.UsageLogRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Streams that go wrong after their first event, through the real relay, per protocol and for pools of two and one:
 * the client gets the protocol's in-band error and never a success terminator, nothing fails over (the answer had
 * begun), the account is not cooled for it, the leases come back, and the member pays for exactly the usage the
 * provider reported before the break — nothing when it reported none.
 */
class UpstreamStreamFaultsIT {
    @RegisterExtension
    static final FaultRelay faults = new FaultRelay();

    @BeforeEach
    void clean() {
        faults.upstream().setReply("one two three four five six", 6);
    }

    /** {@code errorClass}: what the usage row says; null for a stream that completes despite the fault. */
    record StreamFault(String name, Behaviour behaviour, String errorClass) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final List<StreamFault> FAULTS = List.of(
            new StreamFault("cut mid-answer", Behaviour.cutAfter(3), "stream_broken"),
            new StreamFault("stalls mid-answer", Behaviour.stallAfter(3), "stream_idle"),
            new StreamFault("ends without its terminating event", Behaviour.noTerminalEvent(), "stream_broken"));

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (StreamFault fault : FAULTS) {
            for (Platform platform : Platform.values()) {
                for (int pool : new int[] {2, 1}) {
                    cases.add(Arguments.of(fault, platform, pool));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{1}, pool of {2}: {0}")
    @MethodSource("cases")
    void aStreamThatBreaksEndsWithAnInBandErrorAndIsBilledAsReported(StreamFault fault, Platform platform, int pool)
            throws Exception {
        FaultRig rig = faults.rig(platform, pool);
        faults.upstream().forCredential(rig.a(), fault.behaviour());

        long started = System.nanoTime();
        PoolClient.Answer answer = rig.send(true);

        assertThat(millisSince(started)).as("no hang").isLessThan(FaultRelay.STREAM_IDLE.toMillis() + FaultRelay.SLACK_MILLIS);
        assertThat(answer.status()).as("the answer had begun").isEqualTo(200);
        ProtocolErrors.assertEndsWithInBandError(platform, answer.body());
        assertThat(rig.hits(rig.a())).isEqualTo(1);
        if (pool == 2) {
            assertThat(rig.hits(rig.b())).as("no failover after the first byte").isZero();
        }
        assertThat(rig.cooldown(rig.a())).as("a broken stream does not cool the account").isEmpty();
        rig.assertLeasesReturned();
        UsageLogRecord row = rig.settledRows(1).getFirst();
        assertThat(row.getErrorClass()).isEqualTo(fault.errorClass());
        assertThat(row.getAccountId()).isEqualTo(rig.accountId(rig.a()));
        assertBilledAsReported(platform, row);
    }

    static Stream<Arguments> protocols() {
        return Stream.of(Platform.values()).map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("protocols")
    void aMalformedEventIsPassedOnAndTheRestOfTheStreamStillArrives(Platform platform) throws Exception {
        FaultRig rig = faults.rig(platform, 2);
        faults.upstream().forCredential(rig.a(), Behaviour.malformedAfter(2));

        PoolClient.Answer answer = rig.send(true);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).contains(ProtocolErrors.terminator(platform));
        assertThat(rig.hits(rig.b())).isZero();
        rig.assertLeasesReturned();
        UsageLogRecord row = rig.settledRows(1).getFirst();
        assertThat(row.getErrorClass()).isNull();
        assertThat(row.getInputTokens() + row.getCacheReadTokens()).isEqualTo(1000);
        assertThat(row.getOutputTokens()).isEqualTo(200);
        assertThat(row.getActualCost()).isPositive();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("protocols")
    void aSlowFirstTokenWithinTheIdleTimeoutIsWaitedForAndAnsweredInFull(Platform platform) throws Exception {
        FaultRig rig = faults.rig(platform, 2);
        faults.upstream().forCredential(rig.a(), Behaviour.slowFirstToken(FaultRelay.STREAM_IDLE.dividedBy(2)));

        PoolClient.Answer answer = rig.send(true);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).contains(ProtocolErrors.terminator(platform));
        assertThat(rig.hits(rig.b())).isZero();
        assertThat(rig.settledRows(1).getFirst().getActualCost()).isPositive();
    }

    static Stream<Arguments> protocolsAndPools() {
        return Stream.of(Platform.values()).flatMap(p -> Stream.of(Arguments.of(p, 2), Arguments.of(p, 1)));
    }

    /**
     * Anthropic and OpenAI send a preamble (message_start, the role chunk) at once, so the answer has begun and a
     * first token later than the idle timeout is a stalled stream. Gemini sends nothing before its first token: the
     * silence counts as no answer, which fails over (or is a 504 for a pool of one).
     */
    @ParameterizedTest(name = "{0}, pool of {1}")
    @MethodSource("protocolsAndPools")
    void aFirstTokenLaterThanTheIdleTimeoutEndsTheRequestWithinItsBudget(Platform platform, int pool) throws Exception {
        FaultRig rig = faults.rig(platform, pool);
        faults.upstream().forCredential(rig.a(), Behaviour.slowFirstToken(Duration.ofSeconds(3)));

        long started = System.nanoTime();
        PoolClient.Answer answer = rig.send(true);

        assertThat(millisSince(started)).as("no hang").isLessThan(FaultRelay.STREAM_IDLE.toMillis() + FaultRelay.SLACK_MILLIS);
        rig.assertLeasesReturned();
        UsageLogRecord row = rig.settledRows(1).getFirst();
        if (platform != Platform.GEMINI) {
            assertThat(answer.status()).isEqualTo(200);
            ProtocolErrors.assertEndsWithInBandError(platform, answer.body());
            assertThat(row.getErrorClass()).isEqualTo("stream_idle");
            assertThat(rig.cooldown(rig.a())).isEmpty();
        } else if (pool == 2) {
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body()).contains(ProtocolErrors.terminator(platform));
            assertThat(row.getAccountId()).isEqualTo(rig.accountId(rig.b()));
            assertThat(rig.cooldown(rig.a()).orElseThrow().reason()).isEqualTo("header_timeout");
        } else {
            assertThat(answer.status()).isEqualTo(504);
            ProtocolErrors.assertEnvelope(platform, answer.body());
            assertThat(row.getActualCost()).isZero();
        }
        if (pool == 2 && platform != Platform.GEMINI) {
            assertThat(rig.hits(rig.b())).isZero();
        }
    }

    /**
     * The provider's reported usage is the rule: what it had reported when the stream broke is billed (Anthropic
     * reports the input in its first event, Gemini a running count in every chunk), and a protocol that reports only
     * at the end (OpenAI chat) leaves nothing to bill.
     */
    private static void assertBilledAsReported(Platform platform, UsageLogRecord row) {
        long tokens = row.getInputTokens() + row.getOutputTokens() + row.getCacheReadTokens()
                + row.getCacheWrite_5mTokens() + row.getCacheWrite_1hTokens();
        assertThat(row.getActualCost().signum() > 0).as("charged if and only if usage was reported").isEqualTo(tokens > 0);
        if (platform == Platform.ANTHROPIC) {
            assertThat(row.getInputTokens()).as("message_start's input").isEqualTo(1000);
        }
        assertThat(row.getOutputTokens()).isLessThanOrEqualTo(200);
    }
}
