package dev.relaypool.server.accounts.oauth;

import static dev.relaypool.server.storage.schema.Tables.UPSTREAM_ACCOUNTS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.fake.Behaviour;
import dev.relaypool.model.Platform;
import dev.relaypool.server.accounts.AccountCredentials;
import dev.relaypool.server.config.RelaypoolConfig;
import dev.relaypool.server.coordination.local.LocalCoordination;
import dev.relaypool.server.gateway.UpstreamCredential;
import dev.relaypool.server.testing.PostgresExtension;
import dev.relaypool.server.testing.RelayFixture;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Token refresh against the fake provider: before expiry, once per cluster, after a 401, and a refused grant. */
class OAuthRefreshIT {
    @RegisterExtension
    static final PostgresExtension postgres = new PostgresExtension();
    private static RelayFixture relay;

    @BeforeAll
    static void start() {
        relay = OAuthTestbed.relay(postgres, Map.of());
    }

    @AfterAll
    static void stop() {
        relay.close();
    }

    @Test
    void refreshesADueTokenExactlyOnceWhileTwoNodesRaceOnOneDatabaseAndCoordination() throws Exception {
        long id = imported("race", "race-access", "race-refresh", Instant.now().plusSeconds(60));
        long group = relay.group(Platform.ANTHROPIC);
        relay.server.parts().accounts().linkToGroup(id, group, 10);
        long before = relay.upstream.tokenCalls();
        // two more nodes beside the relay, all three on one database and one coordination
        var shared = relay.server.parts().coordination();
        try (OAuthTestbed.Node a = OAuthTestbed.Node.beside(relay, shared, false);
             OAuthTestbed.Node b = OAuthTestbed.Node.beside(relay, shared, false)) {
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> racers = new ArrayList<>();
            for (OAuthTestbed.Node node : List.of(a, b)) {
                racers.add(Thread.ofVirtual().start(() -> await(go, () -> node.oauth().job().runOnce())));
                racers.add(Thread.ofVirtual().start(() -> await(go,
                        () -> node.oauth().refresher().refresh(id, new TokenRefresher.Reason.DueSoon()))));
            }
            go.countDown();
            for (Thread racer : racers) {
                racer.join(Duration.ofSeconds(30));
            }

            assertThat(relay.upstream.tokenCalls()).isEqualTo(before + 1);
            assertThat(refreshCallsWith("race-refresh")).isEqualTo(1);
            AccountCredentials.OAuth stored = stored(id);
            assertThat(stored.accessToken()).startsWith("fake-access-token-");
            assertThat(stored.refreshToken()).isEqualTo(stored.accessToken().replace("access", "refresh")); // rotated
            assertThat(stored.expiresAt()).isAfter(Instant.now().plus(50, ChronoUnit.MINUTES));

            a.oauth().job().runOnce(); // nothing due any more
            assertThat(refreshCallsWith(stored.refreshToken())).isZero();
            // every node's snapshot follows, the ones that did not refresh through the broadcast
            for (var accounts : List.of(a.accounts(), b.accounts(), relay.server.parts().accounts())) {
                awaitTrue(Duration.ofSeconds(5), () -> accounts.schedulable(group).getFirst().upstream().credential()
                        .equals(new UpstreamCredential.OAuthBearer(stored.accessToken())));
            }
        }
        String key = relay.key(relay.user(new java.math.BigDecimal("5")), group);
        assertThat(OAuthTestbed.send(relay, key)).isEqualTo(200);
        assertThat(relay.upstream.lastRequest().header("authorization")).isEqualTo("Bearer " + stored(id).accessToken());
    }

    @Test
    void theBackgroundJobKeepsRenewingShortLivedTokens() throws Exception {
        relay.upstream.setTokenLifetime(Duration.ofSeconds(3));
        RelaypoolConfig.OAuth quick = new RelaypoolConfig.OAuth(Duration.ofSeconds(1), Duration.ofMillis(300),
                relay.config.oauth().clients());
        long id = imported("short-lived", "short-access", "short-refresh", Instant.now().plusSeconds(2));
        try (LocalCoordination own = new LocalCoordination(Clock.systemUTC());
             OAuthTestbed.Node node = OAuthTestbed.Node.beside(relay, own, quick, true)) {
            awaitTrue(Duration.ofSeconds(15), () -> stored(id).accessToken().startsWith("fake-access-token-"));
            String first = stored(id).accessToken();
            awaitTrue(Duration.ofSeconds(15), () -> !stored(id).accessToken().equals(first));
            assertThat(stored(id).expiresAt()).isAfter(Instant.now());
        } finally {
            relay.upstream.setTokenLifetime(Duration.ofHours(1));
            relay.server.parts().accounts().markError(id, "test over"); // keep it out of the other tests' runs
        }
    }

    @Test
    void aRefusedRefreshPutsOnlyThatAccountInErrorAndTheGroupKeepsServing() throws Exception {
        long revoked = imported("revoked", "revoked-access", "revoked-refresh", Instant.now().plusSeconds(30));
        long healthy = imported("healthy", "healthy-access", "healthy-refresh", Instant.now().plusSeconds(30));
        relay.upstream.forCredential("revoked-refresh", Behaviour.unauthorized());
        long group = relay.group(Platform.ANTHROPIC);
        relay.server.parts().accounts().linkToGroup(revoked, group, 1);
        relay.server.parts().accounts().linkToGroup(healthy, group, 5);

        assertThat(relay.server.parts().oauth().job().runOnce()).isEqualTo(1);

        var row = postgres.dsl().selectFrom(UPSTREAM_ACCOUNTS).where(UPSTREAM_ACCOUNTS.ID.eq(revoked)).fetchOne();
        assertThat(row.getStatus()).isEqualTo("error");
        assertThat(row.getErrorMessage()).contains("invalid_grant").contains("re-authorise");
        assertThat(stored(healthy).accessToken()).startsWith("fake-access-token-");
        assertThat(relay.server.parts().accounts().schedulable(group)).extracting(a -> a.id()).containsExactly(healthy);

        String key = relay.key(relay.user(new java.math.BigDecimal("5")), group);
        assertThat(OAuthTestbed.send(relay, key)).isEqualTo(200);
        assertThat(relay.upstream.lastRequest().header("authorization")).isEqualTo("Bearer " + stored(healthy).accessToken());
        relay.upstream.forCredential("revoked-refresh", null);
    }

    @Test
    void refreshesAtOnceWhenTheProviderRejectsAnUnexpiredAccessToken() throws Exception {
        long id = imported("rejected", "rejected-access", "rejected-refresh", Instant.now().plus(2, ChronoUnit.HOURS));
        relay.upstream.forCredential("rejected-access", Behaviour.unauthorized());
        String key = OAuthTestbed.memberOf(relay, id);

        assertThat(OAuthTestbed.send(relay, key)).isNotEqualTo(200);
        awaitTrue(Duration.ofSeconds(10), () -> !stored(id).accessToken().equals("rejected-access"));
        String renewed = stored(id).accessToken();
        assertThat(renewed).startsWith("fake-access-token-");
        assertThat(stored(id).refreshToken()).isEqualTo(renewed.replace("access", "refresh"));

        // the cooldown the 401 caused is lifted once the token is new, so the account serves the next request
        awaitTrue(Duration.ofSeconds(5), () -> relay.server.parts().coordination().cooldowns().get(id).isEmpty());
        assertThat(OAuthTestbed.send(relay, key)).isEqualTo(200);
        assertThat(relay.upstream.lastRequest().header("authorization")).isEqualTo("Bearer " + renewed);
        relay.upstream.forCredential("rejected-access", null);
    }

    private static long imported(String name, String access, String refresh, Instant expiresAt) {
        FlowFinish finish = relay.server.parts().oauth().flows().importTokens(
                OAuthDraft.newAccount(name, Platform.ANTHROPIC).withBaseUrl(relay.upstream.baseUrl()),
                access, Optional.of(refresh), Optional.of(expiresAt));
        return ((FlowFinish.Connected) finish).accountId();
    }

    /** Token requests that presented {@code refreshToken}. */
    private static long refreshCallsWith(String refreshToken) {
        return relay.upstream.requests().stream()
                .filter(r -> r.path().endsWith("/oauth/token") && r.bodyText().contains("\"" + refreshToken + "\""))
                .count();
    }

    private static AccountCredentials.OAuth stored(long id) {
        byte[] raw = postgres.dsl().select(UPSTREAM_ACCOUNTS.CREDENTIALS).from(UPSTREAM_ACCOUNTS)
                .where(UPSTREAM_ACCOUNTS.ID.eq(id)).fetchOne().value1();
        return (AccountCredentials.OAuth) OAuthTestbed.codec().decrypt(raw);
    }

    private static void await(CountDownLatch go, Runnable work) {
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        work.run();
    }

    private static void awaitTrue(Duration limit, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("condition not met within " + limit);
            }
            Thread.sleep(50);
        }
    }
}
