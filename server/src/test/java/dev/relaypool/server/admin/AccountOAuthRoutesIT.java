package dev.relaypool.server.admin;

import static dev.relaypool.server.storage.schema.Tables.UPSTREAM_ACCOUNTS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.model.Platform;
import dev.relaypool.model.admin.OAuthStartRequest;
import dev.relaypool.server.testing.ApiClient;
import dev.relaypool.server.testing.PostgresExtension;
import dev.relaypool.server.testing.RelayFixture;
import org.jooq.JSONB;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The accounts' rate-limit windows and the OAuth start refusal over REST (the full sign-in: desktop OAuthSignInIT). */
class AccountOAuthRoutesIT {
    @RegisterExtension
    static final PostgresExtension postgres = new PostgresExtension();
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
