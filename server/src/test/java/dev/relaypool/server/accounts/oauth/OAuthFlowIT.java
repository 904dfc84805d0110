package dev.relaypool.server.accounts.oauth;

import static dev.relaypool.server.storage.schema.Tables.UPSTREAM_ACCOUNTS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.model.Platform;
import dev.relaypool.server.accounts.AccountCredentials;
import dev.relaypool.server.testing.PostgresExtension;
import dev.relaypool.server.testing.RelayFixture;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Adding OAuth accounts against the fake provider: PKCE sign-in with the code pasted back, and token import. */
class OAuthFlowIT {
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

    private OAuthFlows flows() {
        return relay.server.parts().oauth().flows();
    }

    @Test
    void startsWithAnAuthoriseUrlCarryingTheOperatorsClientAndAnS256Challenge() {
        FlowStart.Started started = (FlowStart.Started) flows().start(OAuthDraft.newAccount("claude-1", Platform.ANTHROPIC));

        URI url = started.authorizeUrl();
        assertThat(url.getScheme() + "://" + url.getHost() + url.getPath()).isEqualTo("https://claude.ai/oauth/authorize");
        Map<String, String> query = query(url);
        assertThat(query).containsEntry("response_type", "code").containsEntry("client_id", OAuthTestbed.CLIENT_ID)
                .containsEntry("redirect_uri", OAuthTestbed.REDIRECT).containsEntry("scope", "user:profile user:inference")
                .containsEntry("code_challenge_method", "S256").containsEntry("state", started.state());
        assertThat(query.get("code_challenge")).matches("[A-Za-z0-9_-]{43}");
        assertThat(started.state()).matches("[A-Za-z0-9_-]{43}");
        assertThat(started.expiresAt()).isBetween(Instant.now().plus(9, ChronoUnit.MINUTES), Instant.now().plus(11, ChronoUnit.MINUTES));
    }

    @Test
    void refusesToStartWithoutTheOperatorsOwnClient() {
        assertThat(flows().start(OAuthDraft.newAccount("codex-1", Platform.OPENAI))).isInstanceOfSatisfying(
                FlowStart.Refused.class, r -> assertThat(r.reason()).contains("oauth.openai.client-id"));
    }

    @Test
    void exchangesThePastedCodeWithItsVerifierAndTheNewAccountServesRequests() throws Exception {
        FlowStart.Started started = (FlowStart.Started) flows().start(
                OAuthDraft.newAccount("claude-pasted", Platform.ANTHROPIC).withBaseUrl(relay.upstream.baseUrl()));
        long before = relay.upstream.tokenCalls();

        FlowFinish finish = flows().finish(Optional.empty(), "the-code-123#" + started.state());

        assertThat(finish).isInstanceOf(FlowFinish.Connected.class);
        assertThat(relay.upstream.tokenCalls()).isEqualTo(before + 1);
        var tokenCall = relay.upstream.lastRequest();
        assertThat(tokenCall.path()).isEqualTo("/v1/oauth/token");
        var body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(tokenCall.bodyText());
        assertThat(body.path("grant_type").asText()).isEqualTo("authorization_code");
        assertThat(body.path("code").asText()).isEqualTo("the-code-123");
        assertThat(body.path("client_id").asText()).isEqualTo(OAuthTestbed.CLIENT_ID);
        assertThat(body.path("redirect_uri").asText()).isEqualTo(OAuthTestbed.REDIRECT);
        assertThat(Pkce.challengeOf(body.path("code_verifier").asText()))
                .isEqualTo(query(started.authorizeUrl()).get("code_challenge"));

        long accountId = ((FlowFinish.Connected) finish).accountId();
        String key = OAuthTestbed.memberOf(relay, accountId);
        assertThat(OAuthTestbed.send(relay, key)).isEqualTo(200);
        assertThat(relay.upstream.lastRequest().header("authorization")).isEqualTo("Bearer fake-access-token-" + (before + 1));
    }

    @Test
    void aSignInStartedOnOneNodeFinishesOnAnotherFromTheRedirectUrl() throws Exception {
        try (OAuthTestbed.Node other = OAuthTestbed.Node.beside(relay, relay.server.parts().coordination(), false)) {
            FlowStart.Started started = (FlowStart.Started) flows().start(
                    OAuthDraft.newAccount("claude-other-node", Platform.ANTHROPIC).withBaseUrl(relay.upstream.baseUrl()));

            FlowFinish finish = other.oauth().flows().finish(Optional.empty(),
                    OAuthTestbed.REDIRECT + "?code=code-from-url&state=" + started.state());

            assertThat(finish).isInstanceOf(FlowFinish.Connected.class);
            long accountId = ((FlowFinish.Connected) finish).accountId();
            String key = OAuthTestbed.memberOf(relay, accountId);
            assertThat(OAuthTestbed.send(relay, key)).isEqualTo(200);
        }
    }

    @Test
    void aCodeIsExchangedOnceAndUnknownOrMismatchedStatesAreRefused() {
        FlowStart.Started started = (FlowStart.Started) flows().start(OAuthDraft.newAccount("claude-once", Platform.ANTHROPIC));
        long before = relay.upstream.tokenCalls();

        assertThat(flows().finish(Optional.of(started.state()), "code-a#someone-elses-state-0000000000"))
                .isInstanceOf(FlowFinish.Refused.class);
        assertThat(flows().finish(Optional.empty(), "code-without-state")).isInstanceOf(FlowFinish.Refused.class);
        assertThat(flows().finish(Optional.of("never-started-state-00000000000"), "code-b")).isInstanceOf(FlowFinish.Refused.class);
        assertThat(flows().finish(Optional.of(started.state()), "code-c")).isInstanceOf(FlowFinish.Connected.class);
        assertThat(flows().finish(Optional.of(started.state()), "code-c")).isInstanceOfSatisfying(FlowFinish.Refused.class,
                r -> assertThat(r.reason()).contains("already finished"));
        assertThat(relay.upstream.tokenCalls()).isEqualTo(before + 1);
    }

    @Test
    void importsExistingTokensAsAnEncryptedOAuthAccount() throws Exception {
        Instant expiry = Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        FlowFinish finish = flows().importTokens(
                OAuthDraft.newAccount("imported", Platform.ANTHROPIC).withBaseUrl(relay.upstream.baseUrl()),
                "imported-access-token-9f3a", Optional.of("imported-refresh-token-77c1"), Optional.of(expiry));
        long accountId = ((FlowFinish.Connected) finish).accountId();

        var row = postgres.dsl().selectFrom(UPSTREAM_ACCOUNTS).where(UPSTREAM_ACCOUNTS.ID.eq(accountId)).fetchOne();
        assertThat(row.getType()).isEqualTo("oauth");
        assertThat(row.getTokenExpiresAt().toInstant()).isEqualTo(expiry);
        String raw = new String(row.getCredentials(), StandardCharsets.ISO_8859_1);
        assertThat(raw).doesNotContain("imported-access-token-9f3a").doesNotContain("imported-refresh-token-77c1")
                .doesNotContain(new String(OAuthTestbed.MASTER_KEY, StandardCharsets.ISO_8859_1));
        assertThat(OAuthTestbed.codec().decrypt(row.getCredentials())).isEqualTo(new AccountCredentials.OAuth(
                "imported-access-token-9f3a", "imported-refresh-token-77c1", expiry));

        String key = OAuthTestbed.memberOf(relay, accountId);
        assertThat(OAuthTestbed.send(relay, key)).isEqualTo(200);
        assertThat(relay.upstream.lastRequest().header("authorization")).isEqualTo("Bearer imported-access-token-9f3a");
        assertThat(flows().importTokens(OAuthDraft.newAccount("bad", Platform.ANTHROPIC), "has spaces", Optional.empty(),
                Optional.empty())).isInstanceOf(FlowFinish.Refused.class);
    }

    private static Map<String, String> query(URI url) {
        Map<String, String> params = new HashMap<>();
        for (String pair : url.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            params.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }
}
