package dev.relaypool.server.scheduling;

import static dev.relaypool.server.storage.schema.Tables.USAGE_LOG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.relaypool.fake.Behaviour;
import dev.relaypool.model.Platform;
import dev.relaypool.server.coordination.Cooldown;
import dev.relaypool.server.storage.schema.tables.records.UsageLogRecord;
import dev.relaypool.server.testing.PostgresExtension;
import dev.relaypool.server.testing.RelayFixture;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The scheduler inside the real relay: failover with cooldowns from the answer, recovery, stickiness, probes, 429. */
class SchedulingIT {
    @RegisterExtension
    static final PostgresExtension postgres = new PostgresExtension();
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static RelayFixture relay;

    @BeforeAll
    static void start() {
        relay = RelayFixture.start(postgres, Map.of("RELAYPOOL_SCHEDULING_PROBE_INTERVAL_SECONDS", "0",
                "RELAYPOOL_SCHEDULING_ACCOUNT_WAIT_MS", "300"));
    }

    @AfterAll
    static void stop() {
        relay.close();
    }

    /** A member of a fresh group with accounts A (priority 1) and B (priority 2), both limit {@code limit}. */
    private record Pair(String key, long a, String aCredential, long b, String bCredential) {}

    private static Pair pair(Platform platform, int limit) {
        long user = relay.user(new BigDecimal("10"));
        long group = relay.group(platform);
        int n = SEQUENCE.incrementAndGet();
        String aCredential = "sk-a-" + n;
        String bCredential = "sk-b-" + n;
        long a = PoolClient.account(relay.server, relay.upstream.baseUrl(), group, platform, aCredential, 1, limit, Map.of());
        long b = PoolClient.account(relay.server, relay.upstream.baseUrl(), group, platform, bCredential, 2, limit, Map.of());
        return new Pair(relay.key(user, group), a, aCredential, b, bCredential);
    }

    private static PoolClient.Answer send(Platform platform, String key, Map<String, String> headers) throws Exception {
        return PoolClient.send(PoolClient.request(relay.baseUrl(), platform, key, false, headers));
    }

    private static Scheduling scheduling() {
        return relay.server.parts().scheduling();
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(Platform.ANTHROPIC, Behaviour.rateLimited(Duration.ofSeconds(42)), "rate_limited", Duration.ofSeconds(42)),
                Arguments.of(Platform.ANTHROPIC, Behaviour.overloaded(), "overloaded", CooldownPolicy.DEFAULTS.overloaded()),
                Arguments.of(Platform.ANTHROPIC, Behaviour.serverError(), "server_error", CooldownPolicy.DEFAULTS.firstServerError()),
                Arguments.of(Platform.ANTHROPIC, Behaviour.unauthorized(), "auth_rejected", CooldownPolicy.DEFAULTS.authRejected()),
                Arguments.of(Platform.OPENAI, Behaviour.rateLimited(Duration.ofMinutes(6)), "rate_limited", Duration.ofMinutes(6)),
                Arguments.of(Platform.OPENAI, Behaviour.unauthorized(), "auth_rejected", CooldownPolicy.DEFAULTS.authRejected()),
                Arguments.of(Platform.GEMINI, Behaviour.rateLimited(Duration.ofSeconds(31)), "rate_limited", Duration.ofSeconds(31)),
                // Gemini says overloaded with a plain 503, which reads as a server error
                Arguments.of(Platform.GEMINI, Behaviour.overloaded(), "overloaded", CooldownPolicy.DEFAULTS.overloaded()));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("failures")
    void aFailureBeforeTheFirstByteIsAnsweredByTheOtherAccountAndCoolsTheFirst(Platform platform, Behaviour failure,
                                                                               String reason, Duration rest) throws Exception {
        Pair pool = pair(platform, 3);
        relay.upstream.forCredential(pool.aCredential(), failure);
        Instant before = Instant.now();

        PoolClient.Answer answer = send(platform, pool.key(), Map.of());

        assertThat(answer.status()).isEqualTo(200);
        assertThat(relay.upstream.lastRequest().credential()).isEqualTo(pool.bCredential());
        Cooldown cooldown = scheduling().cooldowns().get(pool.a());
        assertThat(cooldown).isNotNull();
        assertThat(cooldown.reason()).isEqualTo(reason);
        assertThat(Duration.between(before, cooldown.until()).toMillis()).isCloseTo(rest.toMillis(), within(3_000L));
        assertThat(scheduling().cooldowns()).doesNotContainKey(pool.b());
    }

    @Test
    void aCooledAccountComesBackByItselfWhenItsCooldownEnds() throws Exception {
        Pair pool = pair(Platform.ANTHROPIC, 3);
        relay.upstream.forCredential(pool.aCredential(), Behaviour.rateLimited(Duration.ofSeconds(1)));
        assertThat(send(Platform.ANTHROPIC, pool.key(), Map.of()).status()).isEqualTo(200);
        relay.upstream.forCredential(pool.aCredential(), Behaviour.answer());
        assertThat(send(Platform.ANTHROPIC, pool.key(), Map.of()).status()).isEqualTo(200);
        assertThat(relay.upstream.lastRequest().credential()).as("still cooling").isEqualTo(pool.bCredential());

        Instant until = scheduling().cooldowns().get(pool.a()).until();
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), until).toMillis()) + 50);
        assertThat(send(Platform.ANTHROPIC, pool.key(), Map.of()).status()).isEqualTo(200);
        assertThat(relay.upstream.lastRequest().credential()).isEqualTo(pool.aCredential());
    }

    @Test
    void aSessionStaysOnTheAccountThatAnsweredItAfterAnAdminClearsTheBetterOne() throws Exception {
        Pair pool = pair(Platform.ANTHROPIC, 3);
        Map<String, String> session = Map.of("x-claude-code-session-id", "5b0c7a4e-1111-4222-8333-944455556666");
        relay.server.parts().coordination().cooldowns().coolDown(pool.a(), Instant.now().plus(1, ChronoUnit.HOURS), "test");
        assertThat(send(Platform.ANTHROPIC, pool.key(), session).status()).isEqualTo(200);
        assertThat(relay.upstream.lastRequest().credential()).isEqualTo(pool.bCredential());

        scheduling().clearCooldown(pool.a());

        assertThat(send(Platform.ANTHROPIC, pool.key(), session).status()).isEqualTo(200);
        assertThat(relay.upstream.lastRequest().credential()).as("sticky").isEqualTo(pool.bCredential());
        assertThat(send(Platform.ANTHROPIC, pool.key(), Map.of()).status()).isEqualTo(200);
        assertThat(relay.upstream.lastRequest().credential()).as("no session: priority").isEqualTo(pool.aCredential());
    }

    @Test
    void aProbeBringsBackAnAccountWhoseCredentialWorksAgain() throws Exception {
        Pair pool = pair(Platform.OPENAI, 3);
        relay.upstream.forCredential(pool.aCredential(), Behaviour.unauthorized());
        assertThat(send(Platform.OPENAI, pool.key(), Map.of()).status()).isEqualTo(200);
        assertThat(scheduling().cooldowns().get(pool.a()).reason()).isEqualTo("auth_rejected");

        assertThat(scheduling().probeNow()).doesNotContain(pool.a());
        assertThat(scheduling().cooldowns()).containsKey(pool.a());

        relay.upstream.forCredential(pool.aCredential(), Behaviour.answer());
        assertThat(scheduling().probeNow()).contains(pool.a());
        assertThat(relay.upstream.lastRequest().path()).endsWith("/models");
        assertThat(send(Platform.OPENAI, pool.key(), Map.of()).status()).isEqualTo(200);
        assertThat(relay.upstream.lastRequest().credential()).isEqualTo(pool.aCredential());
    }

    @Test
    void theUsageRowKeepsTheRequestedAndTheUpstreamModel() throws Exception {
        long user = relay.user(new BigDecimal("10"));
        long group = relay.group(Platform.ANTHROPIC);
        long account = PoolClient.account(relay.server, relay.upstream.baseUrl(), group, Platform.ANTHROPIC,
                "sk-mapped-" + SEQUENCE.incrementAndGet(), 1, 3,
                Map.of("claude-*", "*", "claude-sonnet-*", "claude-sonnet-upstream"));
        String key = relay.key(user, group);
        assertThat(send(Platform.ANTHROPIC, key, Map.of()).status()).isEqualTo(200);
        assertThat(relay.upstream.lastRequest().bodyText()).contains("\"model\":\"claude-sonnet-upstream\"");

        UsageLogRecord row = awaitUsageRow(user);
        assertThat(row.getAccountId()).isEqualTo(account);
        assertThat(row.getRequestedModel()).isEqualTo("claude-sonnet-4-5");
        assertThat(row.getUpstreamModel()).isEqualTo("claude-sonnet-upstream");
    }

    @Test
    void whenTheOnlyAccountIsBusyARequestWaitsBrieflyThenGets429WithRetryAfter() throws Exception {
        long user = relay.user(new BigDecimal("10"));
        long group = relay.group(Platform.ANTHROPIC);
        String credential = "sk-single-" + SEQUENCE.incrementAndGet();
        long account = PoolClient.account(relay.server, relay.upstream.baseUrl(), group, Platform.ANTHROPIC, credential, 1, 1, Map.of());
        String key = relay.key(user, group);
        relay.upstream.forCredential(credential, Behaviour.paced(Duration.ofMillis(250)));
        CompletableFuture<PoolClient.Answer> slow = CompletableFuture.supplyAsync(() -> {
            try {
                return PoolClient.send(PoolClient.request(relay.baseUrl(), Platform.ANTHROPIC, key, true, Map.of()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        awaitTrue(() -> relay.server.parts().coordination().leases().inUse(PoolSelector.leaseKey(account)) == 1);

        PoolClient.Answer busy = send(Platform.ANTHROPIC, key, Map.of());
        assertThat(busy.status()).isEqualTo(429);
        assertThat(busy.headers()).containsKey("retry-after");
        assertThat(busy.body()).contains("rate_limit_error");

        assertThat(slow.get().status()).isEqualTo(200);
        assertThat(slow.get().body()).contains("message_stop");
        awaitTrue(() -> relay.server.parts().coordination().leases().inUse(PoolSelector.leaseKey(account)) == 0);
    }

    static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 200 && !condition.getAsBoolean(); i++) {
            Thread.sleep(25);
        }
        assertThat(condition.getAsBoolean()).as("condition within 5 s").isTrue();
    }

    private static UsageLogRecord awaitUsageRow(long userId) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            UsageLogRecord row = postgres.dsl().selectFrom(USAGE_LOG).where(USAGE_LOG.USER_ID.eq(userId)).fetchOne();
            if (row != null) {
                return row;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no usage row for user " + userId);
    }
}
