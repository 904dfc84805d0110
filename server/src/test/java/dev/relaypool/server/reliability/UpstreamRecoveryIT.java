package dev.relaypool.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.fake.Behaviour;
import dev.relaypool.fake.ErrorKind;
import dev.relaypool.model.Platform;
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
 * Upstream trouble that passes, and refusals that are the request's own fault: a lone 500, an account that goes
 * down and comes back, and 400s (context length, content policy) that no other account would answer differently.
 */
class UpstreamRecoveryIT {
    @RegisterExtension
    static final FaultRelay faults = new FaultRelay();

    static Stream<Arguments> pools() {
        List<Arguments> cases = new ArrayList<>();
        for (Platform platform : Platform.values()) {
            cases.add(Arguments.of(platform, 2));
            cases.add(Arguments.of(platform, 1));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}, pool of {1}")
    @MethodSource("pools")
    void aLoneServerErrorCostsTheAccountOnlyAShortRest(Platform platform, int pool) throws Exception {
        FaultRig rig = faults.rig(platform, pool);
        faults.upstream().enqueue(Behaviour.serverError());

        PoolClient.Answer first = rig.send(true);

        assertThat(rig.cooldown(rig.a()).orElseThrow().reason()).isEqualTo("server_error");
        if (pool == 2) {
            assertThat(first.status()).as("failed over").isEqualTo(200);
            assertThat(rig.hits(rig.b())).isEqualTo(1);
        } else {
            assertThat(first.status()).isEqualTo(503);
            ProtocolErrors.assertEnvelope(platform, first.body());
            assertThat(Long.parseLong(first.headers().get("retry-after")))
                    .isBetween(1L, CooldownPolicy.DEFAULTS.firstServerError().toSeconds());
        }
        Instant back = rig.cooldown(rig.a()).orElseThrow().until();
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), back).toMillis()) + 50);

        PoolClient.Answer later = rig.send(true);

        assertThat(later.status()).isEqualTo(200);
        assertThat(later.body()).contains(ProtocolErrors.terminator(platform));
        assertThat(rig.hits(rig.a())).as("the healthy account is used again").isEqualTo(2);
        rig.assertLeasesReturned();
        List<UsageLogRecord> rows = rig.settledRows(2);
        assertThat(rows.get(1).getAccountId()).isEqualTo(rig.accountId(rig.a()));
        assertThat(rows.get(1).getActualCost()).isPositive();
        if (pool == 1) {
            assertThat(rows.getFirst().getActualCost()).as("the failed request is free").isZero();
        }
    }

    /** A 400 about the request, and words of the provider's reason that must reach the client unchanged. */
    record Rejection(String name, Behaviour behaviour, String anthropic, String openAi, String gemini) {
        @Override
        public String toString() {
            return name;
        }

        String reason(Platform platform) {
            return switch (platform) {
                case ANTHROPIC -> anthropic;
                case OPENAI -> openAi;
                case GEMINI -> gemini;
            };
        }
    }

    static Stream<Arguments> rejections() {
        List<Rejection> kinds = List.of(
                new Rejection("context too long", Behaviour.contextTooLong(), "prompt is too long",
                        "context_length_exceeded", "exceeds the maximum number of tokens"),
                new Rejection("content policy", Behaviour.contentPolicy(), "content filtering policy",
                        "content_policy_violation", "safety settings"));
        List<Arguments> cases = new ArrayList<>();
        for (Rejection kind : kinds) {
            pools().forEach(pool -> cases.add(Arguments.of(kind, pool.get()[0], pool.get()[1])));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{1}, pool of {2}: {0}")
    @MethodSource("rejections")
    void aRequestTheProviderRejectsIsNotRetriedAndTheClientGetsTheProvidersReason(Rejection rejection,
            Platform platform, int pool) throws Exception {
        FaultRig rig = faults.rig(platform, pool);
        faults.upstream().setDefault(rejection.behaviour());

        PoolClient.Answer answer = rig.send(true);

        assertThat(answer.status()).isEqualTo(400);
        ProtocolErrors.assertEnvelope(platform, answer.body());
        assertThat(answer.body()).contains(rejection.reason(platform));
        assertThat(faults.upstream().requests()).as("asked once, on one account").hasSize(1);
        assertThat(rig.cooldown(rig.a())).as("the account did nothing wrong").isEmpty();
        rig.assertLeasesReturned();
        UsageLogRecord row = rig.settledRows(1).getFirst();
        assertThat(row.getStatusCode()).isEqualTo(400);
        assertThat(row.getActualCost()).isZero();
    }

    @ParameterizedTest(name = "pool of {0}")
    @org.junit.jupiter.params.provider.ValueSource(ints = {2, 1})
    void anAccountThatFlapsLosesTrafficWhileDownAndGetsItBackWhenUp(int pool) throws Exception {
        FaultRig rig = faults.rig(Platform.ANTHROPIC, pool);
        Behaviour down = Behaviour.fail(ErrorKind.UNAVAILABLE);
        int expectedRows = 0;
        for (int flap = 0; flap < 2; flap++) {
            faults.upstream().forCredential(rig.a(), down);
            long hitsBefore = rig.hits(rig.a());
            for (int i = 0; i < 3; i++) {
                PoolClient.Answer answer = rig.send(true);
                // pool of one: the provider's overload (Anthropic's 529), then "unavailable, retry after" while it rests
                assertThat(answer.status()).as("while A is down").isIn(pool == 2 ? List.of(200) : List.of(503, 529));
                expectedRows++;
            }
            assertThat(rig.hits(rig.a()) - hitsBefore).as("A asked once, then left to rest").isEqualTo(1);

            faults.upstream().forCredential(rig.a(), Behaviour.answer());
            assertThat(faults.relay().server.parts().scheduling().probeNow()).contains(rig.accountId(rig.a()));
            PoolClient.Answer back = rig.send(true);
            expectedRows++;
            assertThat(back.status()).isEqualTo(200);
            assertThat(faults.upstream().lastRequest().credential()).as("traffic returns to A").isEqualTo(rig.a());
        }
        rig.assertLeasesReturned();
        List<UsageLogRecord> rows = rig.settledRows(expectedRows);
        for (UsageLogRecord row : rows) {
            boolean answered = row.getStatusCode() == 200;
            assertThat(row.getActualCost().signum() > 0).as("only answers are charged").isEqualTo(answered);
        }
    }
}
