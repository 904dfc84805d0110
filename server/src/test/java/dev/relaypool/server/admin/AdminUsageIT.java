package dev.relaypool.server.admin;

import static dev.relaypool.server.storage.schema.Tables.USAGE_LOG;
import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.model.Platform;
import dev.relaypool.server.testing.ApiClient;
import dev.relaypool.server.testing.ApiClient.Reply;
import dev.relaypool.server.testing.PostgresExtension;
import dev.relaypool.server.testing.RelayFixture;
import dev.relaypool.server.usage.rollup.RollupWriter;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Usage records, the streamed CSV export (over rows in usage_log) and the dashboard series (their rollups). */
class AdminUsageIT {
    @RegisterExtension
    static final PostgresExtension postgres = new PostgresExtension();
    private static final OffsetDateTime HOUR = OffsetDateTime.of(2025, 3, 1, 10, 0, 0, 0, ZoneOffset.UTC);
    private static RelayFixture relay;
    private static ApiClient api;
    private static String admin;
    private static RelayFixture.Member ann;
    private static RelayFixture.Member bob;

    @BeforeAll
    static void start() {
        relay = RelayFixture.start(postgres);
        api = new ApiClient(relay.baseUrl());
        admin = api.signUp(postgres, "admin").token();
        ann = relay.member(Platform.ANTHROPIC);
        bob = relay.member(Platform.ANTHROPIC);
        long annKey = keyOf(ann.userId());
        long bobKey = keyOf(bob.userId());
        for (int i = 0; i < 10; i++) {
            row(ann, annKey, "claude-a", 200, 100L * (i + 1), 5L + i, HOUR.plusMinutes(i));
        }
        row(ann, annKey, "claude-b, \"quoted\"", 529, 900, null, HOUR.plusMinutes(70));
        row(bob, bobKey, "claude-a", 200, 50, 3L, HOUR.plusMinutes(5));
    }

    @AfterAll
    static void stop() {
        relay.close();
    }

    private static long keyOf(long userId) {
        return postgres.dsl().select(dev.relaypool.server.storage.schema.Tables.API_KEYS.ID)
                .from(dev.relaypool.server.storage.schema.Tables.API_KEYS)
                .where(dev.relaypool.server.storage.schema.Tables.API_KEYS.USER_ID.eq(userId)).fetchSingle().value1();
    }

    private static void row(RelayFixture.Member m, long key, String model, int status, long durationMs, Long ttft,
                            OffsetDateTime at) {
        long id = postgres.dsl().insertInto(USAGE_LOG).set(USAGE_LOG.REQUEST_ID, "req-" + System.nanoTime())
                .set(USAGE_LOG.USER_ID, m.userId()).set(USAGE_LOG.API_KEY_ID, key).set(USAGE_LOG.GROUP_ID, m.groupId())
                .set(USAGE_LOG.ACCOUNT_ID, m.accountId()).set(USAGE_LOG.PLATFORM, "anthropic")
                .set(USAGE_LOG.ENDPOINT, "/v1/messages").set(USAGE_LOG.REQUESTED_MODEL, model)
                .set(USAGE_LOG.STREAM, ttft != null).set(USAGE_LOG.STATUS_CODE, status)
                .set(USAGE_LOG.INPUT_TOKENS, 10L).set(USAGE_LOG.OUTPUT_TOKENS, 20L)
                .set(USAGE_LOG.ACTUAL_COST, new BigDecimal("0.0012345678")).set(USAGE_LOG.BILLING_TYPE, "balance")
                .set(USAGE_LOG.DURATION_MS, durationMs).set(USAGE_LOG.FIRST_TOKEN_MS, ttft)
                .set(USAGE_LOG.CREATED_AT, at).returning(USAGE_LOG.ID).fetchSingle().getId();
        RollupWriter.add(postgres.dsl(), List.of(id)); // what the settlement batch does with the rows it writes
    }

    private static final String RANGE = "from=2025-03-01T00:00:00Z&to=2025-03-02T00:00:00Z";

    @Test
    void filtersRecordsByUserAccountModelAndStatus() {
        assertThat(api.get("/api/v1/admin/usage?" + RANGE + "&userId=" + ann.userId(), admin).body().path("total").asInt())
                .isEqualTo(11);
        assertThat(api.get("/api/v1/admin/usage?" + RANGE + "&accountId=" + bob.accountId(), admin).body().path("total")
                .asInt()).isEqualTo(1);
        assertThat(api.get("/api/v1/admin/usage?" + RANGE + "&model=claude-a", admin).body().path("total").asInt())
                .isEqualTo(11);
        Reply errors = api.get("/api/v1/admin/usage?" + RANGE + "&status=error", admin);
        assertThat(errors.body().path("total").asInt()).isEqualTo(1);
        assertThat(errors.body().path("items").get(0).path("accountId").asLong()).isEqualTo(ann.accountId());
        assertThat(api.get("/api/v1/admin/usage?from=yesterday", admin).errorCode()).isEqualTo("invalid_request");
    }

    @Test
    void exportsCsvQuotedAndComplete() {
        Reply csv = api.get("/api/v1/admin/usage/export?" + RANGE + "&userId=" + ann.userId(), admin);

        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.raw().headers().firstValue("content-type").orElseThrow()).startsWith("text/csv");
        assertThat(csv.raw().headers().firstValue("content-length")).isEmpty();
        String[] lines = csv.text().split("\n");
        assertThat(lines).hasSize(12);
        assertThat(lines[0]).startsWith("created_at,request_id,user_id");
        assertThat(csv.text()).contains("\"claude-b, \"\"quoted\"\"\"").contains("0.0012345678");
    }

    @Test
    void seriesAggregatesPerBucketWithPercentiles() {
        Reply hours = api.get("/api/v1/admin/usage/series?bucket=hour&" + RANGE + "&userId=" + ann.userId(), admin);

        assertThat(hours.body()).hasSize(2);
        var first = hours.body().get(0);
        assertThat(first.path("start").asText()).isEqualTo("2025-03-01T10:00:00Z");
        assertThat(first.path("requests").asInt()).isEqualTo(10);
        assertThat(first.path("errors").asInt()).isZero();
        assertThat(first.path("outputTokens").asInt()).isEqualTo(200);
        assertThat(first.path("cost").decimalValue()).isEqualByComparingTo("0.012345678");
        // nearest rank (500 ms, 9 ms), reported as the middle of its histogram bucket ([448, 537) and [9, 10))
        assertThat(first.path("latencyP50Ms").asLong()).isEqualTo(492);
        assertThat(first.path("latencyP90Ms").asLong()).isEqualTo(848); // 900 ms in [772, 926)
        assertThat(first.path("ttftP50Ms").asLong()).isEqualTo(9);
        assertThat(hours.body().get(1).path("errors").asInt()).isEqualTo(1);
        assertThat(api.get("/api/v1/admin/usage/series?bucket=minute&from=2025-01-01T00:00:00Z&to=2025-03-01T00:00:00Z",
                admin).errorCode()).isEqualTo("invalid_request");
        assertThat(api.get("/api/v1/admin/usage/models?" + RANGE, admin).body().get(0).path("model").asText())
                .isEqualTo("claude-a");
    }

    @Test
    void breaksUsageDownPerMemberCostliestFirst() {
        Reply users = api.get("/api/v1/admin/usage/users?" + RANGE, admin);

        assertThat(users.body()).hasSize(2);
        assertThat(users.body().get(0).path("userId").asLong()).isEqualTo(ann.userId());
        assertThat(users.body().get(0).path("requests").asInt()).isEqualTo(11);
        assertThat(users.body().get(0).path("outputTokens").asInt()).isEqualTo(220);
        assertThat(users.body().get(0).path("cost").decimalValue()).isEqualByComparingTo("0.0135802458");
        assertThat(users.body().get(0).path("email").asText()).startsWith("member");
        assertThat(users.body().get(1).path("userId").asLong()).isEqualTo(bob.userId());
    }
}
