package dev.relaypool.server.billing;

import static dev.relaypool.server.storage.schema.Tables.API_KEYS;
import static dev.relaypool.server.storage.schema.Tables.BALANCE_LEDGER;
import static dev.relaypool.server.storage.schema.Tables.USAGE_LOG;
import static dev.relaypool.server.storage.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.model.Platform;
import dev.relaypool.server.config.RelaypoolConfig;
import dev.relaypool.server.storage.Database;
import dev.relaypool.server.testing.BillingRows;
import dev.relaypool.server.testing.PostgresExtension;
import dev.relaypool.server.testing.TestDatabase;
import dev.relaypool.server.usage.TokenUsage;
import dev.relaypool.server.usage.UsageRecord;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thousands of requests settled concurrently through the real pipeline (journal, queue, PostgreSQL writer), while a
 * second writer re-delivers a third of them at the same time: every unit of money must be accounted for exactly once.
 */
class SettlementReconciliationIT {
    @RegisterExtension static final PostgresExtension postgres = new PostgresExtension();
    static final int USERS_COUNT = 12;
    static final int REQUESTS = 3_000;
    static final BigDecimal START_BALANCE = new BigDecimal("1000");

    @TempDir Path dataDir;

    @Test
    void everyChargeIsInTheUsageLogTheBalancesAndTheLedgerExactlyOnce() throws Exception {
        BillingRows rows = new BillingRows(postgres.dsl());
        long account = rows.account();
        long[] groups = {rows.balanceGroup("1"), rows.balanceGroup("1.37"), rows.balanceGroup("0.333333")};
        List<long[]> owners = new ArrayList<>(); // user, group, key
        for (int u = 0; u < USERS_COUNT; u++) {
            long user = rows.user(START_BALANCE.toPlainString());
            long group = groups[u % groups.length];
            if (u % 4 == 0) {
                rows.userRate(user, group, "0.777777");
            }
            owners.add(new long[] {user, group, rows.key(user, group)});
        }
        Random random = new Random(42);
        List<UsageRecord> records = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            long[] owner = owners.get(random.nextInt(owners.size()));
            TokenUsage tokens = new TokenUsage(random.nextInt(50_000), random.nextInt(4_000), random.nextInt(3_000),
                    random.nextInt(500), random.nextInt(80_000));
            int status = i % 17 == 0 ? 529 : 200; // some failures, recorded at zero cost
            records.add(new UsageRecord("req-" + i, owner[0], owner[2], owner[1], account, Platform.ANTHROPIC,
                    "/v1/messages", "claude-sonnet-4-5", "claude-sonnet-4-5-20250929", true, status, tokens, 1000, 80L,
                    null, null, null, Instant.parse("2026-07-24T10:00:00Z").plusMillis(i)));
        }

        try (Database database = TestDatabase.open(postgres, 6)) {
            CostCalculator calculator = new CostCalculator(() -> Pricing.of(PriceCatalogue.bundled()),
                    new RelaypoolConfig.Billing(RelaypoolConfig.BillingMode.STANDARD, true,
                            RelaypoolConfig.UnpricedModel.REFUSE, BigDecimal.ZERO));
            PostgresBatchWriter writer = new PostgresBatchWriter(database, calculator,
                    RelaypoolConfig.BillingMode.STANDARD, Clock.systemUTC());
            try (UsageSettlement settlement = new UsageSettlement(UsageJournal.open(dataDir), writer,
                    SettlementQueue.DEFAULTS);
                 ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                for (UsageRecord record : records) {
                    threads.submit(() -> settlement.accept(record));
                }
                for (int i = 0; i < REQUESTS; i += 30) { // a replaying node: re-delivers in small batches
                    List<UsageRecord> again = records.subList(i, Math.min(i + 10, REQUESTS));
                    threads.submit(() -> {
                        writer.write(again);
                        return null;
                    });
                }
                threads.shutdown();
                assertThat(threads.awaitTermination(120, TimeUnit.SECONDS)).isTrue();
                assertThat(settlement.flush(Duration.ofSeconds(120))).isTrue();
            }
        }

        var db = postgres.dsl();
        assertThat(db.fetchCount(USAGE_LOG)).isEqualTo(REQUESTS);
        BigDecimal charged = db.select(DSL.sum(USAGE_LOG.ACTUAL_COST)).from(USAGE_LOG).fetchSingle().value1();
        BigDecimal balances = db.select(DSL.sum(USERS.BALANCE)).from(USERS)
                .where(USERS.ID.in(owners.stream().map(o -> o[0]).toList())).fetchSingle().value1();
        BigDecimal ledger = db.select(DSL.sum(BALANCE_LEDGER.AMOUNT)).from(BALANCE_LEDGER)
                .where(BALANCE_LEDGER.REASON.eq("usage")).fetchSingle().value1();
        BigDecimal keys = db.select(DSL.sum(API_KEYS.USED_USD)).from(API_KEYS).fetchSingle().value1();
        BigDecimal decrease = START_BALANCE.multiply(BigDecimal.valueOf(USERS_COUNT)).subtract(balances);

        assertThat(charged.signum()).isPositive();
        assertThat(decrease).isEqualByComparingTo(charged);
        assertThat(ledger.negate()).isEqualByComparingTo(charged);
        assertThat(keys).isEqualByComparingTo(charged);
        assertThat(db.fetchCount(BALANCE_LEDGER, BALANCE_LEDGER.REASON.eq("usage")))
                .isEqualTo(REQUESTS - (REQUESTS + 16) / 17);
        // each user's last ledger row says what the balance now is
        for (long[] owner : owners) {
            BigDecimal last = db.select(BALANCE_LEDGER.BALANCE_AFTER).from(BALANCE_LEDGER)
                    .where(BALANCE_LEDGER.USER_ID.eq(owner[0])).orderBy(BALANCE_LEDGER.ID.desc()).limit(1)
                    .fetchOne(BALANCE_LEDGER.BALANCE_AFTER);
            assertThat(last).isEqualByComparingTo(rows.balance(owner[0]));
        }
    }
}
