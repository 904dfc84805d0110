package dev.relaypool.server.billing;

import static dev.relaypool.server.storage.schema.Tables.API_KEYS;
import static dev.relaypool.server.storage.schema.Tables.BALANCE_LEDGER;
import static dev.relaypool.server.storage.schema.Tables.USAGE_LOG;
import static dev.relaypool.server.storage.schema.Tables.USER_SUBSCRIPTIONS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.model.Platform;
import dev.relaypool.server.config.RelaypoolConfig;
import dev.relaypool.server.storage.schema.tables.records.UsageLogRecord;
import dev.relaypool.server.storage.schema.tables.records.UserSubscriptionsRecord;
import dev.relaypool.server.testing.BillingRows;
import dev.relaypool.server.testing.PostgresExtension;
import dev.relaypool.server.testing.TestDatabase;
import dev.relaypool.server.storage.Database;
import dev.relaypool.server.usage.TokenUsage;
import dev.relaypool.server.usage.UsageRecord;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The PostgreSQL writer against a real database. Prices (bundled catalogue, claude-sonnet-4-5): input 3e-6,
 * output 1.5e-5 per token, so 1,000 in + 100 out = 0.003 + 0.0015 = $0.0045 at list price.
 */
class PostgresBatchWriterIT {
    @RegisterExtension static final PostgresExtension postgres = new PostgresExtension();
    static final Instant NOW = Instant.parse("2026-07-24T10:00:00Z");
    static final TokenUsage TOKENS = new TokenUsage(1_000, 100, 0, 0, 0);

    static Database database;

    BillingRows rows;
    long user;
    long group;
    long key;
    long account;

    @BeforeAll
    static void open() {
        database = TestDatabase.open(postgres, 8);
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @BeforeEach
    void rows() {
        rows = new BillingRows(postgres.dsl());
        user = rows.user("10");
        group = rows.balanceGroup("2");
        key = rows.key(user, group);
        account = rows.account();
    }

    static PostgresBatchWriter writer(RelaypoolConfig.BillingMode mode) {
        CostCalculator calculator = new CostCalculator(() -> Pricing.of(PriceCatalogue.bundled()),
                new RelaypoolConfig.Billing(mode, true, RelaypoolConfig.UnpricedModel.REFUSE, BigDecimal.ZERO));
        return new PostgresBatchWriter(database, calculator, mode, Clock.systemUTC());
    }

    UsageRecord answered(long userId, long groupId, long keyId, Instant at) {
        return new UsageRecord(UUID.randomUUID().toString(), userId, keyId, groupId, account, Platform.ANTHROPIC,
                "/v1/messages", "claude-sonnet-4-5", "claude-sonnet-4-5-20250929", false, 200, TOKENS, 900, null,
                null, "127.0.0.1", "test", at);
    }

    static BigDecimal usd(String amount) {
        return new BigDecimal(amount).setScale(10);
    }

    @Test
    void everyColumnRoundTripsExactlyWhateverItsText() {
        // values that would break a hand-built array literal: quotes, commas, braces, backslashes, NULL as text, unicode
        String tricky = "claude \"sonnet\", {4,5} \\ NULL — 模型 ✓";
        UsageRecord full = new UsageRecord("req-\"odd\",{id}", user, key, group, account, Platform.ANTHROPIC,
                "/v1/messages", tricky, "NULL", true, 529, new TokenUsage(1_234, 567, 89, 10, 11_121),
                31_415, 2_718L, "stream_broken", "2001:db8::1", tricky, Instant.parse("2026-07-24T10:15:30.123456789Z"));
        UsageRecord sparse = new UsageRecord("req-sparse", user, key, group, null, Platform.ANTHROPIC,
                "/v1/messages", null, null, false, 400, TokenUsage.NONE, 0, null, null, null, null, NOW);
        writer(RelaypoolConfig.BillingMode.STANDARD).write(List.of(full, sparse));

        UsageLogRecord row = postgres.dsl().selectFrom(USAGE_LOG).where(USAGE_LOG.REQUEST_ID.eq(full.requestId())).fetchSingle();
        assertThat(row.getUserId()).isEqualTo(user);
        assertThat(row.getApiKeyId()).isEqualTo(key);
        assertThat(row.getGroupId()).isEqualTo(group);
        assertThat(row.getAccountId()).isEqualTo(account);
        assertThat(row.getPlatform()).isEqualTo("anthropic");
        assertThat(row.getEndpoint()).isEqualTo("/v1/messages");
        assertThat(row.getRequestedModel()).isEqualTo(tricky);
        assertThat(row.getUpstreamModel()).isEqualTo("NULL"); // the text, not a null
        assertThat(row.getStream()).isTrue();
        assertThat(row.getStatusCode()).isEqualTo(529);
        assertThat(List.of(row.getInputTokens(), row.getOutputTokens(), row.getCacheWrite_5mTokens(),
                row.getCacheWrite_1hTokens(), row.getCacheReadTokens())).containsExactly(1_234L, 567L, 89L, 10L, 11_121L);
        assertThat(row.getDurationMs()).isEqualTo(31_415L);
        assertThat(row.getFirstTokenMs()).isEqualTo(2_718L);
        assertThat(row.getErrorClass()).isEqualTo("stream_broken");
        assertThat(row.getClientIp()).isEqualTo("2001:db8::1");
        assertThat(row.getUserAgent()).isEqualTo(tricky);
        assertThat(row.getCreatedAt().toInstant()).isEqualTo(Instant.parse("2026-07-24T10:15:30.123457Z")); // µs, half up
        assertThat(row.getBillingType()).isEqualTo("balance");
        assertThat(row.getRateMultiplier()).isEqualByComparingTo("2");

        UsageLogRecord bare = postgres.dsl().selectFrom(USAGE_LOG).where(USAGE_LOG.REQUEST_ID.eq("req-sparse")).fetchSingle();
        assertThat(bare.getAccountId()).isNull();
        assertThat(bare.getRequestedModel()).isNull();
        assertThat(bare.getUpstreamModel()).isNull();
        assertThat(bare.getFirstTokenMs()).isNull();
        assertThat(bare.getClientIp()).isNull();
        assertThat(bare.getUserAgent()).isNull();
        assertThat(bare.getStream()).isFalse();
        assertThat(bare.getTotalCost()).isEqualTo(usd("0"));
    }

    @Test
    void chargesTheGroupMultiplierAndWritesOneLedgerRow() {
        UsageRecord record = answered(user, group, key, NOW);
        writer(RelaypoolConfig.BillingMode.STANDARD).write(List.of(record));

        UsageLogRecord row = postgres.dsl().selectFrom(USAGE_LOG).where(USAGE_LOG.REQUEST_ID.eq(record.requestId())).fetchSingle();
        assertThat(row.getInputCost()).isEqualTo(usd("0.003"));
        assertThat(row.getOutputCost()).isEqualTo(usd("0.0015"));
        assertThat(row.getTotalCost()).isEqualTo(usd("0.0045"));
        assertThat(row.getActualCost()).isEqualTo(usd("0.009")); // × 2
        assertThat(row.getBillingType()).isEqualTo("balance");
        assertThat(rows.balance(user)).isEqualTo(usd("9.991"));
        assertThat(postgres.dsl().select(BALANCE_LEDGER.AMOUNT, BALANCE_LEDGER.BALANCE_AFTER).from(BALANCE_LEDGER)
                .where(BALANCE_LEDGER.REF.eq(record.requestId())).fetchSingle())
                .satisfies(l -> {
                    assertThat(l.value1()).isEqualTo(usd("-0.009"));
                    assertThat(l.value2()).isEqualTo(usd("9.991"));
                });
        assertThat(usedUsd(key)).isEqualTo(usd("0.009"));
    }

    @Test
    void oneBatchWritesALedgerRowPerRequestWithTheRunningBalance() {
        List<UsageRecord> batch = List.of(answered(user, group, key, NOW), answered(user, group, key, NOW),
                answered(user, group, key, NOW));
        Instant before = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        writer(RelaypoolConfig.BillingMode.STANDARD).write(batch);

        var ledger = postgres.dsl().selectFrom(BALANCE_LEDGER).where(BALANCE_LEDGER.USER_ID.eq(user))
                .orderBy(BALANCE_LEDGER.BALANCE_AFTER.desc()).fetch();
        assertThat(ledger).hasSize(3);
        assertThat(ledger).extracting(r -> r.getBalanceAfter())
                .containsExactly(usd("9.991"), usd("9.982"), usd("9.973"));
        assertThat(ledger).allSatisfy(r -> {
            assertThat(r.getAmount()).isEqualTo(usd("-0.009"));
            assertThat(r.getReason()).isEqualTo("usage");
            assertThat(r.getActorUserId()).isNull();
            assertThat(r.getCreatedAt().toInstant()).isBetween(before, Instant.now());
        });
        assertThat(ledger).extracting(r -> r.getRef())
                .containsExactlyInAnyOrderElementsOf(batch.stream().map(UsageRecord::requestId).toList());
        assertThat(rows.balance(user)).isEqualTo(usd("9.973"));
    }

    @Test
    void chargesTheSameRequestOnceHoweverOftenItIsDelivered() {
        UsageRecord record = answered(user, group, key, NOW);
        PostgresBatchWriter writer = writer(RelaypoolConfig.BillingMode.STANDARD);

        writer.write(List.of(record));
        writer.write(List.of(record));
        writer.write(List.of(record, record, answered(user, group, key, NOW)));

        assertThat(rows.balance(user)).isEqualTo(usd("9.982")); // two distinct requests × 0.009
        assertThat(postgres.dsl().fetchCount(USAGE_LOG, USAGE_LOG.USER_ID.eq(user))).isEqualTo(2);
        assertThat(postgres.dsl().fetchCount(BALANCE_LEDGER, BALANCE_LEDGER.USER_ID.eq(user))).isEqualTo(2);
        assertThat(usedUsd(key)).isEqualTo(usd("0.018"));
    }

    @Test
    void membersOwnMultiplierReplacesTheGroups() {
        rows.userRate(user, group, "0.5");
        writer(RelaypoolConfig.BillingMode.STANDARD).write(List.of(answered(user, group, key, NOW)));

        assertThat(rows.balance(user)).isEqualTo(usd("9.99775")); // 0.0045 × 0.5
    }

    @Test
    void recordsUnansweredRequestsAtZeroCost() {
        UsageRecord failed = new UsageRecord(UUID.randomUUID().toString(), user, key, group, null, Platform.ANTHROPIC,
                "/v1/messages", "claude-sonnet-4-5", null, false, 503, TokenUsage.NONE, 20, null,
                "no_account_available", null, null, NOW);
        UsageRecord upstreamError = new UsageRecord(UUID.randomUUID().toString(), user, key, group, account,
                Platform.ANTHROPIC, "/v1/messages", "claude-sonnet-4-5", "claude-sonnet-4-5", false, 429, TOKENS, 20,
                null, "rate_limited", null, null, NOW);

        writer(RelaypoolConfig.BillingMode.STANDARD).write(List.of(failed, upstreamError));

        assertThat(postgres.dsl().selectFrom(USAGE_LOG).where(USAGE_LOG.USER_ID.eq(user)).fetch())
                .hasSize(2).allSatisfy(r -> assertThat(r.getActualCost()).isEqualTo(usd("0")));
        assertThat(rows.balance(user)).isEqualTo(usd("10"));
        assertThat(postgres.dsl().fetchCount(BALANCE_LEDGER, BALANCE_LEDGER.USER_ID.eq(user))).isZero();
    }

    @Test
    void simpleModeRecordsTheCostButChargesNothing() {
        UsageRecord record = answered(user, group, key, NOW);
        writer(RelaypoolConfig.BillingMode.SIMPLE).write(List.of(record));

        UsageLogRecord row = postgres.dsl().selectFrom(USAGE_LOG).where(USAGE_LOG.REQUEST_ID.eq(record.requestId())).fetchSingle();
        assertThat(row.getTotalCost()).isEqualTo(usd("0.0045"));
        assertThat(row.getActualCost()).isEqualTo(usd("0"));
        assertThat(rows.balance(user)).isEqualTo(usd("10"));
        assertThat(usedUsd(key)).isEqualTo(usd("0"));
    }

    @Test
    void subscriptionUsageFillsTheWindowsNotTheBalance() {
        long subGroup = rows.subscriptionGroup("5");
        long subKey = rows.key(user, subGroup);
        long sub = rows.subscription(user, subGroup, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(29)));
        PostgresBatchWriter writer = writer(RelaypoolConfig.BillingMode.STANDARD);

        writer.write(List.of(answered(user, subGroup, subKey, NOW), answered(user, subGroup, subKey, NOW.plusSeconds(60))));
        writer.write(List.of(answered(user, subGroup, subKey, NOW.plus(Duration.ofHours(25))))); // the next day

        UserSubscriptionsRecord windows = postgres.dsl().selectFrom(USER_SUBSCRIPTIONS)
                .where(USER_SUBSCRIPTIONS.ID.eq(sub)).fetchSingle();
        assertThat(windows.getDailyWindowStart().toInstant()).isEqualTo(NOW.plus(Duration.ofHours(25)));
        assertThat(windows.getDailyUsageUsd()).isEqualTo(usd("0.0045"));
        assertThat(windows.getWeeklyWindowStart().toInstant()).isEqualTo(NOW);
        assertThat(windows.getWeeklyUsageUsd()).isEqualTo(usd("0.0135"));
        assertThat(rows.balance(user)).isEqualTo(usd("10"));
        assertThat(usedUsd(subKey)).isEqualTo(usd("0.0135"));
    }

    @Test
    void skipsRowsOfDeletedKeysInsteadOfBlockingTheBatch() {
        UsageRecord orphan = answered(user, group, 999_999, NOW);
        UsageRecord fine = answered(user, group, key, NOW);

        writer(RelaypoolConfig.BillingMode.STANDARD).write(List.of(orphan, fine));

        assertThat(postgres.dsl().fetchCount(USAGE_LOG, USAGE_LOG.USER_ID.eq(user))).isEqualTo(1);
        assertThat(rows.balance(user)).isEqualTo(usd("9.991"));
    }

    static BigDecimal usedUsd(long keyId) {
        return postgres.dsl().select(API_KEYS.USED_USD).from(API_KEYS).where(API_KEYS.ID.eq(keyId)).fetchSingle(API_KEYS.USED_USD);
    }
}
