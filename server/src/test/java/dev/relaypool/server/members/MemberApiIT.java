package dev.relaypool.server.members;

import static dev.relaypool.server.storage.schema.Tables.REDEEM_CODES;
import static dev.relaypool.server.storage.schema.Tables.USAGE_LOG;
import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.model.Platform;
import dev.relaypool.model.member.KeyCreateRequest;
import dev.relaypool.model.member.KeyRenameRequest;
import dev.relaypool.model.member.RedeemRequest;
import dev.relaypool.server.testing.ApiClient;
import dev.relaypool.server.testing.ApiClient.Reply;
import dev.relaypool.server.testing.ApiClient.SignedIn;
import dev.relaypool.server.testing.PostgresExtension;
import dev.relaypool.server.usage.rollup.RollupWriter;
import dev.relaypool.server.testing.RelayFixture;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A member's own keys, usage, balance and redeeming; never another member's data. */
class MemberApiIT {
    @RegisterExtension
    static final PostgresExtension postgres = new PostgresExtension();
    private static RelayFixture relay;
    private static ApiClient api;

    @BeforeAll
    static void start() {
        relay = RelayFixture.start(postgres);
        api = new ApiClient(relay.baseUrl());
    }

    @AfterAll
    static void stop() {
        relay.close();
    }

    @Test
    void managesOwnKeysAndCannotTouchAnotherMembersKeys() {
        SignedIn ann = api.signUp(postgres, "member");
        SignedIn bob = api.signUp(postgres, "member");
        long group = relay.group(Platform.OPENAI);

        Reply created = api.call("POST", "/api/v1/keys", new KeyCreateRequest("laptop", group, null, null), ann.token());
        long keyId = created.body().path("view").path("id").asLong();

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().path("key").asText()).startsWith("rp-");
        assertThat(api.call("PATCH", "/api/v1/keys/" + keyId, new KeyRenameRequest("desk"), ann.token())
                .body().path("name").asText()).isEqualTo("desk");
        assertThat(api.get("/api/v1/keys", bob.token()).body()).isEmpty();
        assertThat(api.call("PATCH", "/api/v1/keys/" + keyId, new KeyRenameRequest("mine"), bob.token()).status()).isEqualTo(404);
        assertThat(api.call("POST", "/api/v1/keys/" + keyId + "/disable", null, bob.token()).status()).isEqualTo(404);
        assertThat(api.call("DELETE", "/api/v1/keys/" + keyId, null, bob.token()).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/keys", ann.token()).body().get(0).path("name").asText()).isEqualTo("desk");
        assertThat(api.call("DELETE", "/api/v1/keys/" + keyId, null, ann.token()).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/keys", ann.token()).body()).isEmpty();
    }

    @Test
    void cannotCreateAKeyInAnExclusiveGroupNotAllowedToThem() {
        SignedIn ann = api.signUp(postgres, "member");
        long group = relay.group(Platform.OPENAI);
        postgres.dsl().update(dev.relaypool.server.storage.schema.Tables.GROUPS)
                .set(dev.relaypool.server.storage.schema.Tables.GROUPS.EXCLUSIVE, true)
                .where(dev.relaypool.server.storage.schema.Tables.GROUPS.ID.eq(group)).execute();

        Reply refused = api.call("POST", "/api/v1/keys", new KeyCreateRequest("x", group, null, null), ann.token());

        assertThat(refused.errorCode()).isEqualTo("invalid_request");
        assertThat(groupIds(ann)).doesNotContain(group);

        postgres.dsl().insertInto(dev.relaypool.server.storage.schema.Tables.USER_ALLOWED_GROUPS)
                .set(dev.relaypool.server.storage.schema.Tables.USER_ALLOWED_GROUPS.USER_ID, ann.userId())
                .set(dev.relaypool.server.storage.schema.Tables.USER_ALLOWED_GROUPS.GROUP_ID, group).execute();
        assertThat(groupIds(ann)).as("listed once the member is allowed in").contains(group);
    }

    @Test
    void listsTheOpenGroupsAMemberMayCreateKeysIn() {
        SignedIn ann = api.signUp(postgres, "member");
        long open = relay.group(Platform.ANTHROPIC);

        assertThat(groupIds(ann)).contains(open);
        assertThat(api.get("/api/v1/groups", null).status()).isEqualTo(401);
    }

    private static java.util.List<Long> groupIds(SignedIn member) {
        java.util.List<Long> ids = new java.util.ArrayList<>();
        api.get("/api/v1/groups", member.token()).body().forEach(g -> ids.add(g.path("id").asLong()));
        return ids;
    }

    @Test
    void seesOnlyOwnUsageWithoutAccountIds() {
        SignedIn ann = api.signUp(postgres, "member");
        SignedIn bob = api.signUp(postgres, "member");
        long group = relay.group(Platform.ANTHROPIC);
        long annKey = api.call("POST", "/api/v1/keys", new KeyCreateRequest("a", group, null, null), ann.token())
                .body().path("view").path("id").asLong();
        long bobKey = api.call("POST", "/api/v1/keys", new KeyCreateRequest("b", group, null, null), bob.token())
                .body().path("view").path("id").asLong();
        usage(ann.userId(), annKey, group, "claude-a", 100);
        usage(ann.userId(), annKey, group, "claude-b", 5);
        usage(bob.userId(), bobKey, group, "claude-a", 7);

        Reply records = api.get("/api/v1/usage?sort=outputTokens,desc", ann.token());
        Reply peek = api.get("/api/v1/usage?userId=" + bob.userId(), ann.token());

        assertThat(records.body().path("total").asInt()).isEqualTo(2);
        assertThat(records.body().path("items").get(0).path("outputTokens").asInt()).isEqualTo(100);
        assertThat(records.body().path("items").get(0).path("accountId").isNull()).isTrue();
        assertThat(peek.body().path("total").asInt()).isEqualTo(2);
        assertThat(peek.text()).doesNotContain("\"userId\":" + bob.userId());
        assertThat(api.get("/api/v1/usage?keyId=" + bobKey, ann.token()).body().path("total").asInt()).isZero();
        Reply models = api.get("/api/v1/usage/models", ann.token());
        assertThat(models.body()).hasSize(2);
        Reply daily = api.get("/api/v1/usage/daily", ann.token());
        assertThat(daily.body().get(0).path("requests").asInt()).isEqualTo(2);
        assertThat(daily.body().get(0).path("outputTokens").asInt()).isEqualTo(105);
        Reply ownKey = api.get("/api/v1/usage/series?bucket=day&keyId=" + annKey, ann.token());
        assertThat(ownKey.body().get(0).path("requests").asInt()).isEqualTo(2);
        assertThat(ownKey.body().get(0).path("latencyP90Ms").asLong()).isEqualTo(96); // 100 ms in [88, 105)
        assertThat(api.get("/api/v1/usage/series?bucket=day&keyId=" + bobKey, ann.token()).body()).isEmpty();
    }

    @Test
    void redeemsABalanceCodeExactlyOnceUnderRaces() throws Exception {
        SignedIn ann = api.signUp(postgres, "member");
        String code = "RP-TEST-" + System.nanoTime();
        postgres.dsl().insertInto(REDEEM_CODES).set(REDEEM_CODES.CODE, code).set(REDEEM_CODES.TYPE, "balance")
                .set(REDEEM_CODES.VALUE, new BigDecimal("3.5")).execute();

        List<Callable<Integer>> attempts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            attempts.add(() -> api.call("POST", "/api/v1/redeem", new RedeemRequest(code), ann.token()).status());
        }
        List<Integer> statuses = new ArrayList<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (var future : pool.invokeAll(attempts)) {
                statuses.add(future.get());
            }
        }

        assertThat(statuses).containsOnlyOnce(200);
        assertThat(api.get("/api/v1/balance", ann.token()).body().path("balance").decimalValue()).isEqualByComparingTo("3.5");
    }

    /** A usage row as the settlement batch writes it: into usage_log and its rollups. */
    private static void usage(long user, long key, long group, String model, long outputTokens) {
        long id = postgres.dsl().insertInto(USAGE_LOG).set(USAGE_LOG.REQUEST_ID, "req-" + System.nanoTime())
                .set(USAGE_LOG.USER_ID, user).set(USAGE_LOG.API_KEY_ID, key).set(USAGE_LOG.GROUP_ID, group)
                .set(USAGE_LOG.PLATFORM, "anthropic").set(USAGE_LOG.ENDPOINT, "/v1/messages")
                .set(USAGE_LOG.REQUESTED_MODEL, model).set(USAGE_LOG.STREAM, false).set(USAGE_LOG.STATUS_CODE, 200)
                .set(USAGE_LOG.OUTPUT_TOKENS, outputTokens).set(USAGE_LOG.BILLING_TYPE, "balance")
                .set(USAGE_LOG.DURATION_MS, 100L).set(USAGE_LOG.CREATED_AT, OffsetDateTime.now())
                .returning(USAGE_LOG.ID).fetchSingle().getId();
        RollupWriter.add(postgres.dsl(), List.of(id));
    }
}
