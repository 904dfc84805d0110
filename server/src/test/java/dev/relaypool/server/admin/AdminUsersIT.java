package dev.relaypool.server.admin;

import static dev.relaypool.server.storage.schema.Tables.BALANCE_LEDGER;
import static dev.relaypool.server.storage.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.model.Platform;
import dev.relaypool.model.admin.BalanceAdjustRequest;
import dev.relaypool.model.admin.GroupRequest;
import dev.relaypool.model.admin.InvitationCreateRequest;
import dev.relaypool.model.admin.SubscriptionAssignRequest;
import dev.relaypool.model.admin.SubscriptionExtendRequest;
import dev.relaypool.model.admin.UserCreateRequest;
import dev.relaypool.model.admin.UserUpdateRequest;
import dev.relaypool.model.auth.RegisterRequest;
import dev.relaypool.model.auth.ServerSettings;
import dev.relaypool.model.member.KeyCreateRequest;
import dev.relaypool.server.testing.ApiClient;
import dev.relaypool.server.testing.ApiClient.Reply;
import dev.relaypool.server.testing.ApiClient.SignedIn;
import dev.relaypool.server.testing.PostgresExtension;
import dev.relaypool.server.testing.RelayFixture;
import java.math.BigDecimal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Users, their keys, groups and subscriptions through the admin API; every write lands in the audit log. */
class AdminUsersIT {
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
    void listsUsersPaginatedFilteredAndSortedByTheServer() {
        String tag = "paged" + System.nanoTime();
        for (int i = 0; i < 3; i++) {
            assertThat(api.call("POST", "/api/v1/admin/users", new UserCreateRequest(tag + i + "@example.test",
                    "long enough password", "P " + i, null, null, null, null, ""), admin).status()).isEqualTo(201);
        }

        Reply page = api.get("/api/v1/admin/users?q=" + tag + "&size=2&page=0&sort=email,desc", admin);

        assertThat(page.body().path("total").asInt()).isEqualTo(3);
        assertThat(page.body().path("items")).hasSize(2);
        assertThat(page.body().path("items").get(0).path("email").asText()).isEqualTo(tag + "2@example.test");
        assertThat(page.text()).doesNotContain("long enough password").doesNotContain("passwordHash");
        assertThat(api.get("/api/v1/admin/users?sort=password_hash,asc", admin).errorCode()).isEqualTo("invalid_request");
        assertThat(api.get("/api/v1/admin/users?q=" + tag + "&role=admin", admin).body().path("total").asInt()).isZero();
    }

    @Test
    void changingARoleOrDisablingSignsTheUserOutAtOnce() {
        SignedIn member = api.signUp(postgres, "member");
        assertThat(api.get("/api/v1/me", member.token()).status()).isEqualTo(200);

        Reply disabled = api.call("POST", "/api/v1/admin/users/" + member.userId() + "/disable", null, admin);

        assertThat(disabled.body().path("status").asText()).isEqualTo("disabled");
        assertThat(postgres.dsl().select(USERS.TOKENS_VALID_AFTER).from(USERS).where(USERS.ID.eq(member.userId()))
                .fetchOne().value1()).isNotNull();
        assertThat(api.get("/api/v1/me", member.token()).status()).isEqualTo(401);
        Reply edited = api.call("PATCH", "/api/v1/admin/users/" + member.userId(),
                new UserUpdateRequest("New Name", null, "active", 4, 0, null, "vip"), admin);
        assertThat(edited.body().path("displayName").asText()).isEqualTo("New Name");
        assertThat(edited.body().path("concurrencyLimit").asInt()).isEqualTo(4);
        assertThat(edited.body().path("rpmLimit").isNull()).isTrue();
    }

    @Test
    void adjustsTheBalanceWithALedgerRowAndAnAuditedReason() {
        SignedIn member = api.signUp(postgres, "member");

        Reply credit = api.call("POST", "/api/v1/admin/users/" + member.userId() + "/balance",
                new BalanceAdjustRequest(new BigDecimal("12.50"), "welcome credit"), admin);
        api.call("POST", "/api/v1/admin/users/" + member.userId() + "/balance",
                new BalanceAdjustRequest(new BigDecimal("-2.25"), "correction"), admin);

        assertThat(credit.status()).isEqualTo(200);
        assertThat(credit.body().path("balanceAfter").decimalValue()).isEqualByComparingTo("12.50");
        assertThat(api.get("/api/v1/admin/users/" + member.userId(), admin).body().path("balance").decimalValue())
                .isEqualByComparingTo("10.25");
        assertThat(postgres.dsl().fetchCount(BALANCE_LEDGER, BALANCE_LEDGER.USER_ID.eq(member.userId())
                .and(BALANCE_LEDGER.REASON.eq("admin_adjust")))).isEqualTo(2);
        Reply audit = api.get("/api/v1/admin/audit?action=user.balance_adjusted&targetId=" + member.userId(), admin);
        assertThat(audit.body().path("total").asInt()).isEqualTo(2);
        assertThat(audit.text()).contains("welcome credit").contains("\"ip\":\"127.0.0.1\"");
        assertThat(api.call("POST", "/api/v1/admin/users/" + member.userId() + "/balance",
                "{\"amount\":0,\"reason\":\"x\"}", admin).errorCode()).isEqualTo("invalid_request");
    }

    @Test
    void managesAUsersKeysWithTheFullKeyShownOnce() {
        SignedIn member = api.signUp(postgres, "member");
        long group = relay.group(Platform.ANTHROPIC);
        String base = "/api/v1/admin/users/" + member.userId() + "/keys";

        Reply created = api.call("POST", base, new KeyCreateRequest("ci", group, null, null), admin);
        long keyId = created.body().path("view").path("id").asLong();
        String key = created.body().path("key").asText();

        assertThat(created.status()).isEqualTo(201);
        assertThat(key).startsWith("rp-");
        assertThat(api.get(base, admin).text()).doesNotContain(key).contains(key.substring(0, 10));
        assertThat(api.call("POST", base + "/" + keyId + "/disable", null, admin).body().path("status").asText())
                .isEqualTo("disabled");
        assertThat(api.call("DELETE", base + "/" + keyId, null, admin).status()).isEqualTo(204);
        assertThat(api.call("POST", base + "/" + keyId + "/enable", null, admin).status()).isEqualTo(409);
        assertThat(api.call("DELETE", "/api/v1/admin/users/" + (member.userId() + 999) + "/keys/" + keyId, null, admin)
                .status()).isEqualTo(404);
    }

    @Test
    void listsGroupsPaginatedFilteredAndSortedByTheServer() {
        String tag = "pg" + System.nanoTime();
        for (String name : new String[] {"b", "a", "c"}) {
            assertThat(api.call("POST", "/api/v1/admin/groups", new GroupRequest(tag + name, "", Platform.OPENAI,
                    name.equals("c") ? "subscription" : null, null, null, null, null, null, null, null, null), admin)
                    .status()).isEqualTo(201);
        }

        Reply page = api.get("/api/v1/admin/groups?q=" + tag + "&billingType=balance&sort=name,asc&size=1", admin);

        assertThat(page.body().path("total").asInt()).isEqualTo(2);
        assertThat(page.body().path("items")).hasSize(1);
        assertThat(page.body().path("items").get(0).path("name").asText()).isEqualTo(tag + "a");
        assertThat(api.get("/api/v1/admin/groups?sort=secret,asc", admin).errorCode()).isEqualTo("invalid_request");
    }

    @Test
    void invitationCodesAdmitSignUpsUntilDisabled() {
        Reply made = api.call("POST", "/api/v1/admin/invitation-codes", new InvitationCreateRequest(2, 5, null, "cohort"), admin);
        assertThat(made.status()).as(made.text()).isEqualTo(201);
        String code = made.body().get(0).path("code").asText();
        long id = made.body().get(0).path("id").asLong();
        assertThat(api.call("PUT", "/api/v1/admin/settings", new ServerSettings("invitation"), admin).status()).isEqualTo(200);
        try {
            Reply joined = api.call("POST", "/api/v1/auth/register", new RegisterRequest("inv" + System.nanoTime()
                    + "@example.test", "long enough password", code), null);
            assertThat(joined.status()).as(joined.text()).isEqualTo(200);
            Reply listed = api.get("/api/v1/admin/invitation-codes?q=" + code, admin);
            assertThat(listed.body().path("items").get(0).path("usedCount").asInt()).isEqualTo(1);

            assertThat(api.call("POST", "/api/v1/admin/invitation-codes/" + id + "/disable", null, admin)
                    .body().path("status").asText()).isEqualTo("disabled");
            Reply refused = api.call("POST", "/api/v1/auth/register", new RegisterRequest("inv" + System.nanoTime()
                    + "@example.test", "long enough password", code), null);
            assertThat(refused.errorCode()).isEqualTo("invalid_invitation");
            assertThat(api.get("/api/v1/admin/invitation-codes?status=disabled&q=" + code, admin).body().path("total").asInt())
                    .isEqualTo(1);
        } finally {
            api.call("PUT", "/api/v1/admin/settings", new ServerSettings("closed"), admin);
        }
    }

    @Test
    void groupsHoldAccountsByPriorityAndSubscriptionsCanBeAssignedExtendedAndRevoked() {
        Reply group = api.call("POST", "/api/v1/admin/groups", new GroupRequest("sub-" + System.nanoTime(), "d",
                Platform.ANTHROPIC, "subscription", new BigDecimal("1.5"), false, new BigDecimal("5"), null, null,
                null, null, null), admin);
        long groupId = group.body().path("id").asLong();
        long account = relay.account(relay.group(Platform.ANTHROPIC), Platform.ANTHROPIC, "sk-g", 50);

        Reply linked = api.call("PUT", "/api/v1/admin/groups/" + groupId + "/accounts/" + account,
                "{\"priority\":7}", admin);
        assertThat(linked.body().get(0).path("priority").asInt()).isEqualTo(7);
        assertThat(api.get("/api/v1/admin/groups/" + groupId, admin).body().path("accountCount").asInt()).isEqualTo(1);
        assertThat(relay.server.parts().accounts().schedulable(groupId)).extracting(a -> a.id()).containsExactly(account);

        SignedIn member = api.signUp(postgres, "member");
        Reply sub = api.call("POST", "/api/v1/admin/subscriptions", new SubscriptionAssignRequest(member.userId(),
                groupId, 30), admin);
        long subId = sub.body().path("id").asLong();
        Reply extended = api.call("POST", "/api/v1/admin/subscriptions/" + subId + "/extend",
                new SubscriptionExtendRequest(5), admin);
        assertThat(java.time.Duration.between(java.time.Instant.parse(extended.body().path("startsAt").asText()),
                java.time.Instant.parse(extended.body().path("expiresAt").asText())).toDays()).isEqualTo(35);
        Reply balance = api.get("/api/v1/balance", member.token());
        assertThat(balance.body().path("subscriptions").get(0).path("dailyLimitUsd").decimalValue()).isEqualByComparingTo("5");
        Reply progress = api.get("/api/v1/admin/subscriptions/" + subId + "/progress", admin);
        assertThat(progress.body().path("dailyLimitUsd").decimalValue()).isEqualByComparingTo("5");
        assertThat(progress.body().path("dailyUsageUsd").decimalValue()).isZero();
        assertThat(api.get("/api/v1/admin/subscriptions?q=" + member.email(), admin).body().path("total").asInt()).isEqualTo(1);
        assertThat(api.call("POST", "/api/v1/admin/subscriptions/" + subId + "/revoke", null, admin)
                .body().path("status").asText()).isEqualTo("cancelled");
        assertThat(api.get("/api/v1/balance", member.token()).body().path("subscriptions")).isEmpty();
        assertThat(api.call("DELETE", "/api/v1/admin/groups/" + groupId, null, admin).status()).isEqualTo(204);
    }
}
