package dev.relaypool.server.reliability;

import static dev.relaypool.server.storage.schema.Tables.API_KEYS;
import static dev.relaypool.server.storage.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.model.Platform;
import dev.relaypool.server.testing.PostgresExtension;
import dev.relaypool.server.testing.RelayFixture;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * PostgreSQL stopped and started again under load. Fail-closed (the default): new requests are refused with a
 * 503 in the caller's protocol, answers already under way finish and wait in the journal, and everything settles
 * once the database is back. Fail-open: requests are served through the outage and settle afterwards. Throughout,
 * {@code /readyz} says whether the database answers.
 */
class PostgresOutageIT {
    @RegisterExtension
    static final PostgresExtension postgres = new PostgresExtension();
    private static final Duration OUTAGE = Duration.ofSeconds(9); // > the 3 s spending cache + the 5 s pool timeout

    @Test
    void failClosedRefusesDuringTheOutageAndSettlesEverythingAfter() {
        Run run = outage(Map.of());
        assertThat(run.duringOutage()).as("refused cleanly in the Anthropic envelope while the database was down")
                .anyMatch(o -> o.refused() && o.body().contains("Billing is unavailable"));
        assertThat(run.duringOutage()).as("never a cut answer").allMatch(o -> o.complete() || o.refused());
    }

    @Test
    void failOpenServesThroughTheOutageAndSettlesAfter() {
        Run run = outage(Map.of("RELAYPOOL_BILLING_FAIL_CLOSED", "false"));
        assertThat(run.duringOutage()).as("served while the database was down").isNotEmpty()
                .allMatch(Load.Outcome::complete);
    }

    private record Run(List<Load.Outcome> duringOutage) {}

    private static Run outage(Map<String, String> environment) {
        Map<String, String> env = new java.util.HashMap<>(environment);
        env.put("RELAYPOOL_SECURITY_MASTER_KEY", CrashRun.MASTER_KEY); // both tests' accounts share the database
        try (RelayFixture relay = RelayFixture.start(postgres, env)) {
            RelayFixture.Member member = relay.member(Platform.ANTHROPIC);
            postgres.dsl().update(USERS).set(USERS.BALANCE, Books.START_BALANCE)
                    .where(USERS.ID.eq(member.userId())).execute();
            long keyId = postgres.dsl().select(API_KEYS.ID).from(API_KEYS)
                    .where(API_KEYS.USER_ID.eq(member.userId())).fetchSingle(API_KEYS.ID);
            Books.Tenant tenant = new Books.Tenant(member.userId(), keyId, member.groupId(), member.accountId(),
                    member.key());
            relay.upstream.setReply("one two three four five six seven eight", 8);
            relay.upstream.setPacing(Duration.ofMillis(100));
            assertThat(Outages.ready(relay.baseUrl())).as("/readyz before").isEqualTo(200);

            List<Load.Outcome> before;
            List<Load.Outcome> during;
            int unsettledDuring;
            try (Load load = Load.start(relay::baseUrl, member.key(), 3)) {
                Outages.awaitAnswers(load, 6);
                before = load.soFar();
                postgres.stopServer();
                try {
                    assertThat(Outages.readyDuring(relay.baseUrl(), OUTAGE)).as("/readyz during the outage")
                            .containsOnly(503);
                    unsettledDuring = relay.server.parts().settlement().unsettledCount();
                    during = load.soFar().subList(before.size(), load.soFar().size());
                } finally {
                    postgres.startServer();
                }
                Outages.awaitReady(relay.baseUrl());
                Outages.awaitAnswers(load, Load.completeIds(load.soFar()).size() + 6); // serves again by itself
                Set<String> answered = new HashSet<>(Load.completeIds(load.stop()));
                assertThat(Load.completeIds(during)).isNotEmpty();
                assertThat(unsettledDuring).as("answers kept in the journal during the outage").isPositive();
                Books.awaitSettled(postgres.dsl(), tenant, answered, Duration.ofSeconds(30));
                Books.assertReconciled(postgres.dsl(), tenant, answered);
                assertThat(relay.server.parts().settlement().unsettledCount()).as("journal backlog after").isZero();
            }
            return new Run(during);
        }
    }
}
