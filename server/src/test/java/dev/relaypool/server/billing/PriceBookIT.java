package dev.relaypool.server.billing;

import static dev.relaypool.server.storage.schema.Tables.USAGE_LOG;
import static dev.relaypool.server.storage.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.relaypool.fake.Usage;
import dev.relaypool.model.Platform;
import dev.relaypool.model.admin.PriceOverride;
import dev.relaypool.server.storage.schema.tables.records.UsageLogRecord;
import dev.relaypool.server.testing.ApiClient;
import dev.relaypool.server.testing.ApiClient.Reply;
import dev.relaypool.server.testing.PostgresExtension;
import dev.relaypool.server.testing.RelayFixture;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Prices set through the admin API are what the next relayed request is admitted and charged with. */
class PriceBookIT {
    @RegisterExtension
    static final PostgresExtension postgres = new PostgresExtension();
    private static final MediaType JSON = MediaType.get("application/json");
    private static RelayFixture relay;
    private static ApiClient api;
    private static String admin;
    private final OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(20)).build();

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
    void anOverrideChangesWhatARelayedRequestIsCharged() throws Exception {
        // USD per MILLION tokens, as operators state prices: 1,000 in at $2 + 500 out at $10 = $0.007
        Reply set = api.call("PUT", "/api/v1/admin/prices/claude-sonnet-4-5", new PriceOverride(null,
                new BigDecimal("2"), new BigDecimal("10"), null, null, null, null, null, null, null), admin);
        assertThat(set.status()).as(set.text()).isEqualTo(200);
        RelayFixture.Member member = relay.member(Platform.ANTHROPIC);
        relay.upstream.setUsage(Usage.of(1000, 500));

        assertThat(message(member, "claude-sonnet-4-5")).isEqualTo(200);

        UsageLogRecord row = awaitUsageRow(member.userId());
        assertThat(row.getActualCost()).isEqualByComparingTo("0.007");
        assertThat(balance(member.userId())).isEqualByComparingTo("9.993");
        assertThat(api.call("DELETE", "/api/v1/admin/prices/claude-sonnet-4-5", null, admin).status()).isEqualTo(204);
    }

    @Test
    void listsModelPricesPerMillionTokensWithTheOverrideApplied() {
        assertThat(api.call("PUT", "/api/v1/admin/prices/claude-haiku-4-5", new PriceOverride(null,
                new BigDecimal("0.5"), null, null, null, null, null, null, null, null), admin).status()).isEqualTo(200);

        Reply page = api.get("/api/v1/admin/prices/models?q=claude-haiku-4-5&size=5", admin);

        JsonNode haiku = java.util.stream.StreamSupport.stream(page.body().path("items").spliterator(), false)
                .filter(item -> item.path("model").asText().equals("claude-haiku-4-5")).findFirst().orElseThrow();
        assertThat(haiku.path("inputPerMtok").decimalValue()).isEqualByComparingTo("0.5");
        assertThat(haiku.path("outputPerMtok").decimalValue()).isPositive(); // the catalogue's, left as it is
        assertThat(haiku.path("overridden").asBoolean()).isTrue();
        assertThat(page.body().path("total").asInt()).isPositive();
        assertThat(api.get("/api/v1/admin/prices/models?q=no-such-model-anywhere", admin).body().path("total").asInt()).isZero();
        assertThat(api.call("DELETE", "/api/v1/admin/prices/claude-haiku-4-5", null, admin).status()).isEqualTo(204);
    }

    @Test
    void anUnpricedModelIsAdmittedOnceAnUploadPricesIt() throws Exception {
        RelayFixture.Member member = relay.member(Platform.ANTHROPIC);
        relay.upstream.setUsage(Usage.of(10, 5));
        assertThat(message(member, "acme-sonnet-1")).isNotEqualTo(200);

        Reply uploaded = upload("extend", "{\"acme-sonnet-1\":{\"input_cost_per_token\":0.000001,"
                + "\"output_cost_per_token\":0.000002,\"litellm_provider\":\"anthropic\",\"mode\":\"chat\"}}");
        assertThat(uploaded.status()).as(uploaded.text()).isEqualTo(200);

        assertThat(message(member, "acme-sonnet-1")).isEqualTo(200);
        assertThat(awaitUsageRow(member.userId()).getActualCost()).isEqualByComparingTo("0.00002");
        // extend keeps the bundled models priced
        assertThat(message(relay.member(Platform.ANTHROPIC), "claude-sonnet-4-5")).isEqualTo(200);
    }

    @Test
    void refusesAnInvalidUploadNamingTheModelAndField() throws Exception {
        Reply refused = upload("replace", "{\"acme-broken\":{\"input_cost_per_token\":-1}}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text()).contains("acme-broken").contains("input_cost_per_token");
        // nothing was put in force: the bundled catalogue still prices its models
        assertThat(message(relay.member(Platform.ANTHROPIC), "claude-sonnet-4-5")).isEqualTo(200);
    }

    private static Reply upload(String mode, String catalogue) {
        return api.call("POST", "/api/v1/admin/prices/catalogue?mode=" + mode, catalogue, admin);
    }

    private int message(RelayFixture.Member member, String model) throws IOException {
        Request request = new Request.Builder().url(relay.baseUrl() + "/v1/messages")
                .header("x-api-key", member.key()).header("anthropic-version", "2023-06-01")
                .post(RequestBody.create("{\"model\":\"" + model + "\",\"max_tokens\":64,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", JSON))
                .build();
        try (Response response = http.newCall(request).execute()) {
            response.body().string();
            return response.code();
        }
    }

    private static BigDecimal balance(long userId) {
        return postgres.dsl().select(USERS.BALANCE).from(USERS).where(USERS.ID.eq(userId)).fetchSingle(USERS.BALANCE);
    }

    private static UsageLogRecord awaitUsageRow(long userId) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(deadline)) {
            UsageLogRecord row = postgres.dsl().selectFrom(USAGE_LOG).where(USAGE_LOG.USER_ID.eq(userId)).fetchOne();
            if (row != null) {
                return row;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no usage row for user " + userId + " within 10 s");
    }
}
