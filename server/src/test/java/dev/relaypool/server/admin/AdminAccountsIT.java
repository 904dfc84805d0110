package dev.relaypool.server.admin;

import static dev.relaypool.server.storage.schema.Tables.AUDIT_LOG;
import static dev.relaypool.server.storage.schema.Tables.UPSTREAM_ACCOUNTS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.model.Platform;
import dev.relaypool.server.net.UpstreamAddressPolicy;
import dev.relaypool.model.admin.AccountCreateRequest;
import dev.relaypool.model.admin.AccountUpdateRequest;
import dev.relaypool.model.admin.GroupMembership;
import dev.relaypool.model.admin.OAuthStartRequest;
import dev.relaypool.server.testing.ApiClient;
import dev.relaypool.server.testing.ApiClient.Reply;
import dev.relaypool.server.testing.PostgresExtension;
import dev.relaypool.server.testing.RelayFixture;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Upstream accounts through the admin API: write-only credentials, live state, tools, import/export, rate-limit
 * windows, OAuth start (the whole OAuth sign-in: desktop OAuthSignInIT).
 */
class AdminAccountsIT {
    @RegisterExtension
    static final PostgresExtension postgres = new PostgresExtension();
    private static final String SECRET = "sk-very-secret-upstream-key-4711";
    private static RelayFixture relay;
    private static ApiClient api;
    private static String admin;

    @BeforeAll
    static void start() {
        relay = RelayFixture.start(postgres);
        api = new ApiClient(relay.baseUrl());
        admin = api.signUp(postgres, "admin").token();
    }

    @AfterAll
    static void stop() {
        relay.close();
    }

    private static long createAccount(String name, String secret, long groupId) {
        Reply created = api.call("POST", "/api/v1/admin/accounts", new AccountCreateRequest(name, Platform.ANTHROPIC,
                relay.upstream.baseUrl(), secret, null, 2, 10, Map.of(), "notes", List.of(new GroupMembership(groupId, 5))),
                admin);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.body().path("id").asLong();
    }

    @Test
    void credentialsAreWriteOnlyInEveryAnswerAndTheAuditLog() {
        long group = relay.group(Platform.ANTHROPIC);
        String name = "write-only-" + System.nanoTime();
        Reply created = api.call("POST", "/api/v1/admin/accounts", new AccountCreateRequest(name, Platform.ANTHROPIC,
                relay.upstream.baseUrl(), SECRET, null, 2, 10, Map.of(), "", List.of(new GroupMembership(group, 5))), admin);
        long id = created.body().path("id").asLong();
        api.call("PATCH", "/api/v1/admin/accounts/" + id, new AccountUpdateRequest(null, null, SECRET + "-2", null, 4,
                null, null, null, "rotated"), admin);

        assertThat(created.text()).doesNotContain(SECRET);
        assertThat(created.body().path("groups").get(0).path("priority").asInt()).isEqualTo(5);
        assertThat(api.get("/api/v1/admin/accounts/" + id, admin).text()).doesNotContain(SECRET)
                .contains("\"concurrencyLimit\":4");
        assertThat(api.get("/api/v1/admin/accounts?q=" + name, admin).text()).doesNotContain(SECRET).contains(name);
        assertThat(api.get("/api/v1/admin/accounts/export", admin).text()).doesNotContain(SECRET).contains(name);
        assertThat(api.get("/api/v1/admin/audit?targetType=account&size=100", admin).text()).doesNotContain(SECRET);
        assertThat(postgres.dsl().select(DSL.count()).from(AUDIT_LOG)
                .where(AUDIT_LOG.DETAIL.cast(String.class).contains("very-secret")).fetchOne().value1()).isZero();
        assertThat(postgres.dsl().fetchExists(AUDIT_LOG, AUDIT_LOG.ACTION.eq("account.updated")
                .and(AUDIT_LOG.TARGET_ID.eq(Long.toString(id))))).isTrue();
    }

    @Test
    void exportIncludesSecretsOnlyWithTheConfirmationAndImportsThemBack() {
        long group = relay.group(Platform.ANTHROPIC);
        String name = "exported-" + System.nanoTime();
        createAccount(name, SECRET + "-x", group);

        Reply unconfirmed = api.get("/api/v1/admin/accounts/export?includeSecrets=true", admin);
        Reply confirmed = api.get("/api/v1/admin/accounts/export?includeSecrets=true&confirm=EXPORT-SECRETS", admin);

        assertThat(unconfirmed.status()).isEqualTo(400);
        assertThat(confirmed.body().path("includesSecrets").asBoolean()).isTrue();
        assertThat(confirmed.text()).contains(SECRET + "-x");
        var item = ((com.fasterxml.jackson.databind.node.ObjectNode) java.util.stream.StreamSupport
                .stream(confirmed.body().path("accounts").spliterator(), false)
                .filter(a -> a.path("name").asText().equals(name)).findFirst().orElseThrow()).put("name", name + "-copy");
        Reply imported = api.call("POST", "/api/v1/admin/accounts/import", Map.of("version", 1,
                "accounts", List.of(item, Map.of("name", "no-key", "platform", "anthropic"))), admin);
        assertThat(imported.body().path("created").asInt()).as(imported.text()).isEqualTo(1);
        assertThat(imported.body().path("skipped").asInt()).isEqualTo(1);
        assertThat(api.get("/api/v1/admin/accounts?q=" + name + "-copy", admin).body().path("total").asInt()).isEqualTo(1);
    }

    @Test
    void showsLiveLeasesAndCooldownAndClearsTheCooldown() {
        long group = relay.group(Platform.ANTHROPIC);
        long id = createAccount("cooling-" + System.nanoTime(), SECRET, group);
        var coordination = relay.server.parts().coordination();
        coordination.cooldowns().coolDown(id, Instant.now().plusSeconds(600), "rate_limited");
        var lease = coordination.leases().tryAcquire("account:" + id, 2, java.time.Duration.ofMinutes(1)).orElseThrow();
        try {
            Reply view = api.get("/api/v1/admin/accounts/" + id, admin);
            assertThat(view.body().path("concurrencyInUse").asInt()).isEqualTo(1);
            assertThat(view.body().path("cooldownReason").asText()).isEqualTo("rate_limited");

            Reply cleared = api.call("DELETE", "/api/v1/admin/accounts/" + id + "/cooldown", null, admin);
            assertThat(cleared.status()).isEqualTo(200);
            assertThat(cleared.body().path("cooldownUntil").isNull()).isTrue();
            assertThat(coordination.cooldowns().get(id)).isEmpty();
        } finally {
            lease.close();
        }
    }

    @Test
    void testStreamsProgressEventsFromARealRequest() {
        long id = createAccount("tested-" + System.nanoTime(), SECRET, relay.group(Platform.ANTHROPIC));

        Reply test = api.call("POST", "/api/v1/admin/accounts/" + id + "/test", null, admin);

        assertThat(test.status()).isEqualTo(200);
        assertThat(test.raw().headers().firstValue("content-type").orElseThrow()).startsWith("text/event-stream");
        assertThat(test.text()).contains("event: started").contains("event: connected").contains("event: output")
                .contains("event: succeeded").doesNotContain(SECRET);
        assertThat(relay.upstream.lastRequest().header("x-api-key")).isEqualTo(SECRET);
    }

    @Test
    void refusesPrivateBaseUrlsUnlessAllowed() {
        // the fixture allows private and http upstreams; the policy itself refuses them by default
        UpstreamAddressPolicy strict = new UpstreamAddressPolicy(false, false, UpstreamAddressPolicy.Resolver.SYSTEM);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> BaseUrls.check(strict, "http://127.0.0.1:8080"))
                .hasMessageContaining("https");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> BaseUrls.check(strict, "https://127.0.0.1"))
                .hasMessageContaining("private");
        UpstreamAddressPolicy lenient = new UpstreamAddressPolicy(true, true, UpstreamAddressPolicy.Resolver.SYSTEM);
        assertThat(BaseUrls.check(lenient, "http://127.0.0.1:8080/")).isEqualTo("http://127.0.0.1:8080");
    }

    @Test
    void listsEachAccountsLastReportedWindows() {
        RelayFixture.Member member = relay.member(Platform.ANTHROPIC);
        postgres.dsl().update(UPSTREAM_ACCOUNTS).set(UPSTREAM_ACCOUNTS.RATE_LIMIT_STATE, JSONB.valueOf("""
                {"five_hour":{"status":"allowed_warning","resets_at":1767261600,"utilization":0.91},"observed_at":1767250000}"""))
                .where(UPSTREAM_ACCOUNTS.ID.eq(member.accountId())).execute();

        var windows = api.get("/api/v1/admin/accounts/windows", admin).body();

        assertThat(windows).hasSize(1);
        assertThat(windows.get(0).path("accountId").asLong()).isEqualTo(member.accountId());
        assertThat(windows.get(0).path("fiveHour").path("status").asText()).isEqualTo("allowed_warning");
        assertThat(windows.get(0).path("fiveHour").path("utilization").asDouble()).isEqualTo(0.91);
        assertThat(windows.get(0).path("fiveHour").path("resetsAt").asText()).isEqualTo("2026-01-01T10:00:00Z");
        assertThat(windows.get(0).path("sevenDay").isNull()).isTrue();
    }

    @Test
    void startRefusesAPlatformWithoutAnOAuthClient() {
        var reply = api.call("POST", "/api/v1/admin/accounts/oauth/start",
                new OAuthStartRequest("Claude Max", Platform.ANTHROPIC, null, null, null), admin);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.text()).contains("needs your own OAuth client");
    }
}
