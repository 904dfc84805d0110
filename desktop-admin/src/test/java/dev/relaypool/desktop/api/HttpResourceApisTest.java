package dev.relaypool.desktop.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.desktop.testing.RecordingServer;
import dev.relaypool.model.Platform;
import dev.relaypool.model.admin.CataloguePrice;
import dev.relaypool.model.admin.GroupAccount;
import dev.relaypool.model.admin.GroupRequest;
import dev.relaypool.model.admin.GroupView;
import dev.relaypool.model.admin.InvitationCodeView;
import dev.relaypool.model.admin.InvitationCreateRequest;
import dev.relaypool.model.admin.PriceCatalogueInfo;
import dev.relaypool.model.admin.RedeemBatch;
import dev.relaypool.model.admin.RedeemGenerateRequest;
import dev.relaypool.model.admin.SubscriptionExtendRequest;
import dev.relaypool.model.admin.SubscriptionView;
import dev.relaypool.model.api.Page;
import dev.relaypool.model.auth.ServerSettings;
import dev.relaypool.model.member.SubscriptionProgress;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The groups, redeem codes, subscriptions, prices and settings clients against a loopback server: paths, bodies, answers. */
class HttpResourceApisTest {
    private static final String TOKEN = "access-1";
    private final RecordingServer server = new RecordingServer();
    private final AdminResources api = AdminResources.http();
    private final URI at = server.uri();

    HttpResourceApisTest() throws Exception {}

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void groupsAskTheServerToSearchFilterSortAndPage() {
        server.answer("GET", "/api/v1/admin/groups", 200, """
                {"items":[{"id":7,"name":"team","description":"","platform":"anthropic","billingType":"subscription",
                "rateMultiplier":1.5,"exclusive":false,"dailyLimitUsd":5,"status":"active","accountCount":2,
                "createdAt":"2026-01-01T00:00:00Z"}],"total":51,"page":1,"size":50}""");

        ApiResult<Page<GroupView>> got = api.directory().groups(at, TOKEN,
                new ListQuery("te am", Map.of("platform", "anthropic"), "name", true, 1, 50));

        assertThat(server.last().query()).isEqualTo("q=te am&platform=anthropic&sort=name,desc&page=1&size=50");
        assertThat(server.last().authorization()).isEqualTo("Bearer " + TOKEN);
        Page<GroupView> page = ((ApiResult.Ok<Page<GroupView>>) got).value();
        assertThat(page.total()).isEqualTo(51);
        assertThat(page.items().getFirst().dailyLimitUsd()).isEqualByComparingTo("5");
        assertThat(page.items().getFirst().platform()).isEqualTo(Platform.ANTHROPIC);
    }

    @Test
    void groupWritesUseTheirRoutes() {
        server.answer("PUT", "/api/v1/admin/groups/7", 400, "{\"error\":{\"code\":\"invalid_request\",\"message\":\"rateMultiplier must not be negative\"}}")
                .answer("PUT", "/api/v1/admin/groups/7/accounts/3", 200, "[{\"accountId\":3,\"name\":\"A\",\"status\":\"active\",\"priority\":5}]")
                .answer("DELETE", "/api/v1/admin/groups/7/accounts/3", 204, "")
                .answer("DELETE", "/api/v1/admin/groups/7", 409, "{\"error\":{\"code\":\"conflict\",\"message\":\"keys belong to this group\"}}");
        GroupRequest request = new GroupRequest("team", null, Platform.OPENAI, "balance", null, null, null, null, null, 60, null, null);

        assertThat(api.directory().updateGroup(at, TOKEN, 7, request))
                .isEqualTo(new ApiResult.Failed<>(400, "rateMultiplier must not be negative"));
        assertThat(server.last().body()).contains("\"platform\":\"openai\"").contains("\"rpmLimit\":60");
        assertThat(api.directory().linkAccount(at, TOKEN, 7, 3, 5))
                .isEqualTo(new ApiResult.Ok<>(List.of(new GroupAccount(3, "A", "active", 5))));
        assertThat(server.last().body()).contains("\"priority\":5");
        assertThat(api.directory().unlinkAccount(at, TOKEN, 7, 3)).isEqualTo(new ApiResult.Ok<>(null));
        assertThat(api.directory().deleteGroup(at, TOKEN, 7)).isEqualTo(new ApiResult.Failed<>(409, "keys belong to this group"));
    }

    @Test
    void redeemBatchIsGeneratedAndItsCsvDownloaded() {
        server.answer("POST", "/api/v1/admin/redeem-codes", 201, """
                {"batchId":"b-1","codes":[{"id":1,"code":"RP-1","type":"balance","value":10,"status":"unused","batchId":"b-1"}]}""")
                .answer("GET", "/api/v1/admin/redeem-codes/export", 200, "text/csv", "code,type\nRP-1,balance\n")
                .answer("POST", "/api/v1/admin/redeem-codes/1/disable", 200,
                        "{\"id\":1,\"code\":\"RP-1\",\"type\":\"balance\",\"value\":10,\"status\":\"disabled\"}");

        ApiResult<RedeemBatch> batch = api.redeemCodes().generate(at, TOKEN,
                new RedeemGenerateRequest("balance", new BigDecimal("10"), 1, null, null, null, "fair"));
        assertThat(((ApiResult.Ok<RedeemBatch>) batch).value().codes().getFirst().code()).isEqualTo("RP-1");
        assertThat(server.last().body()).contains("\"type\":\"balance\"").contains("\"count\":1");

        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        assertThat(api.redeemCodes().exportCsv(at, TOKEN, "b-1", csv)).isEqualTo(new ApiResult.Ok<>(23L));
        assertThat(server.last().query()).isEqualTo("batchId=b-1");
        assertThat(csv.toString(StandardCharsets.UTF_8)).isEqualTo("code,type\nRP-1,balance\n");
        assertThat(api.redeemCodes().disable(at, TOKEN, 1)).isInstanceOf(ApiResult.Ok.class);
    }

    @Test
    void subscriptionsExtendAndReportProgress() {
        server.answer("POST", "/api/v1/admin/subscriptions/4/extend", 200, """
                {"id":4,"userId":2,"groupId":3,"groupName":"plan","startsAt":"2026-01-01T00:00:00Z",
                "expiresAt":"2026-02-10T00:00:00Z","status":"active","dailyUsageUsd":0,"weeklyUsageUsd":0,"monthlyUsageUsd":0}""")
                .answer("GET", "/api/v1/admin/subscriptions/4/progress", 200, """
                {"subscriptionId":4,"groupId":3,"groupName":"plan","expiresAt":"2026-02-10T00:00:00Z","dailyUsageUsd":1.5,
                "dailyLimitUsd":5,"dailyResetsAt":"2026-01-02T00:00:00Z","weeklyUsageUsd":1.5,"monthlyUsageUsd":1.5}""");

        ApiResult<SubscriptionView> extended = api.subscriptions().extend(at, TOKEN, 4, new SubscriptionExtendRequest(10));
        assertThat(server.last().body()).isEqualTo("{\"days\":10}");
        assertThat(((ApiResult.Ok<SubscriptionView>) extended).value().groupName()).isEqualTo("plan");
        SubscriptionProgress progress = ((ApiResult.Ok<SubscriptionProgress>) api.subscriptions().progress(at, TOKEN, 4)).value();
        assertThat(progress.dailyLimitUsd()).isEqualByComparingTo("5");
        assertThat(progress.weeklyLimitUsd()).isNull();
    }

    @Test
    void pricesListModelsAndUploadACatalogueInTheChosenMode() throws Exception {
        server.answer("GET", "/api/v1/admin/prices/models", 200, """
                {"items":[{"model":"m","inputPerMtok":3,"outputPerMtok":15,"cacheReadPerMtok":0.3,"overridden":true}],
                "total":1,"page":0,"size":50}""")
                .answer("POST", "/api/v1/admin/prices/catalogue", 400,
                        "{\"error\":{\"code\":\"invalid_request\",\"message\":\"catalogue refused: m: input_cost_per_token is not a number\"}}")
                .answer("DELETE", "/api/v1/admin/prices/m", 204, "");

        Page<CataloguePrice> models = ((ApiResult.Ok<Page<CataloguePrice>>) api.prices().models(at, TOKEN,
                new ListQuery("m", Map.of(), "", false, 0, 50))).value();
        assertThat(models.items().getFirst().overridden()).isTrue();

        ApiResult<PriceCatalogueInfo> refused = api.prices().upload(at, TOKEN,
                Json.mapper().readTree("{\"m\":{\"input_cost_per_token\":\"x\"}}"), true);
        assertThat(server.last().query()).isEqualTo("mode=replace");
        assertThat(server.last().body()).isEqualTo("{\"m\":{\"input_cost_per_token\":\"x\"}}");
        assertThat(refused).isEqualTo(new ApiResult.Failed<>(400, "catalogue refused: m: input_cost_per_token is not a number"));
        assertThat(api.prices().removeOverride(at, TOKEN, "m")).isEqualTo(new ApiResult.Ok<>(null));
    }

    @Test
    void settingsAreReadAndReplaced() {
        server.answer("GET", "/api/v1/admin/settings", 200, "{\"registration\":\"closed\"}")
                .answer("PUT", "/api/v1/admin/settings", 200, "{\"registration\":\"open\"}");

        assertThat(api.settings().get(at, TOKEN)).isEqualTo(new ApiResult.Ok<>(new ServerSettings("closed")));
        assertThat(api.settings().save(at, TOKEN, new ServerSettings("open"))).isEqualTo(new ApiResult.Ok<>(new ServerSettings("open")));
        assertThat(server.last().body()).isEqualTo("{\"registration\":\"open\"}");
    }

    @Test
    void invitationCodesAreCreatedAndDisabled() {
        server.answer("POST", "/api/v1/admin/invitation-codes", 201, """
                [{"id":9,"code":"INV-A","maxUses":3,"usedCount":0,"status":"active","notes":""}]""")
                .answer("POST", "/api/v1/admin/invitation-codes/9/disable", 200,
                        "{\"id\":9,\"code\":\"INV-A\",\"maxUses\":3,\"usedCount\":0,\"status\":\"disabled\"}");

        ApiResult<List<InvitationCodeView>> made = api.settings().createInvitationCodes(at, TOKEN,
                new InvitationCreateRequest(1, 3, null, null));

        assertThat(server.last().body()).contains("\"count\":1").contains("\"maxUses\":3");
        assertThat(((ApiResult.Ok<List<InvitationCodeView>>) made).value().getFirst().code()).isEqualTo("INV-A");
        assertThat(((ApiResult.Ok<InvitationCodeView>) api.settings().disableInvitationCode(at, TOKEN, 9)).value().status())
                .isEqualTo("disabled");
    }

    @Test
    void anExpiredTokenIsUnauthorizedSoTheSessionRefreshes() {
        server.answer("GET", "/api/v1/admin/settings", 401, "{\"error\":{\"code\":\"unauthenticated\",\"message\":\"expired\"}}");

        assertThat(api.settings().get(at, TOKEN)).isInstanceOf(ApiResult.Unauthorized.class);
    }
}
