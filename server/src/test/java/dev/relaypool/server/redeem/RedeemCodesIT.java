package dev.relaypool.server.redeem;

import static dev.relaypool.server.storage.schema.Tables.BALANCE_LEDGER;
import static dev.relaypool.server.storage.schema.Tables.USERS;
import static dev.relaypool.server.storage.schema.Tables.USER_SUBSCRIPTIONS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.server.storage.Database;
import dev.relaypool.server.testing.BillingRows;
import dev.relaypool.server.testing.PostgresExtension;
import dev.relaypool.server.testing.TestDatabase;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedeemCodesIT {
    @RegisterExtension static final PostgresExtension postgres = new PostgresExtension();
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MICROS);
    static Database database;

    final BillingRows rows = new BillingRows(postgres.dsl());
    final AtomicInteger invalidations = new AtomicInteger();
    final RedeemCodes codes = new RedeemCodes(database, new SecureRandom(), Clock.fixed(NOW, ZoneOffset.UTC),
            invalidations::incrementAndGet);

    @BeforeAll
    static void open() {
        database = TestDatabase.open(postgres, 12);
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void generatesDistinctCodesAndExportsThemAsCsv() {
        GeneratedBatch batch = codes.generate(NewBatch.balance(new BigDecimal("25"), 50));

        assertThat(batch.codes()).hasSize(50).doesNotHaveDuplicates()
                .allSatisfy(c -> assertThat(c).matches("RP(-[0-9A-HJKMNP-TV-Z]{4}){4}"));
        String[] lines = codes.exportCsv(batch.batchId()).split("\r\n");
        assertThat(lines).hasSize(51);
        assertThat(lines[0]).isEqualTo("code,type,value,group_id,validity_days,status,expires_at,used_by,used_at,notes");
        assertThat(lines[1]).isEqualTo(batch.codes().getFirst() + ",balance,25,,,unused,,,,");
    }

    @Test
    void redeemsABalanceCodeOnceIntoTheBalanceAndTheLedger() {
        long user = rows.user("1.5");
        String code = codes.generate(NewBatch.balance(new BigDecimal("25"), 1)).codes().getFirst();

        RedeemResult first = codes.redeem(user, " " + code.toLowerCase() + " ");
        RedeemResult second = codes.redeem(user, code);

        assertThat(first).isEqualTo(new RedeemResult.Redeemed(CodeType.BALANCE, "Your balance is now $26.50."));
        assertThat(second).isInstanceOf(RedeemResult.AlreadyUsed.class);
        assertThat(rows.balance(user)).isEqualByComparingTo("26.5");
        assertThat(postgres.dsl().fetchCount(BALANCE_LEDGER, BALANCE_LEDGER.USER_ID.eq(user)
                .and(BALANCE_LEDGER.REASON.eq("redeem")))).isEqualTo(1);
        assertThat(invalidations).hasValue(1);
    }

    @Test
    void ofManyConcurrentRedemptionsOfOneCodeExactlyOneWins() throws Exception {
        String code = codes.generate(NewBatch.balance(new BigDecimal("10"), 1)).codes().getFirst();
        List<Long> users = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            users.add(rows.user("0"));
        }
        CountDownLatch start = new CountDownLatch(1);
        List<Future<RedeemResult>> results = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long user : users) {
                results.add(threads.submit(() -> {
                    start.await();
                    return codes.redeem(user, code);
                }));
            }
            start.countDown();
        }
        List<RedeemResult> outcomes = new ArrayList<>();
        for (Future<RedeemResult> result : results) {
            outcomes.add(result.get());
        }

        assertThat(outcomes).filteredOn(r -> r instanceof RedeemResult.Redeemed).hasSize(1);
        assertThat(outcomes).filteredOn(r -> r instanceof RedeemResult.AlreadyUsed).hasSize(7);
        BigDecimal total = users.stream().map(rows::balance).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(total).isEqualByComparingTo("10");
    }

    @Test
    void refusesExpiredAndUnknownCodes() {
        long user = rows.user("0");
        String code = codes.generate(NewBatch.balance(BigDecimal.ONE, 1).expiringAt(NOW.minusSeconds(1))).codes().getFirst();

        assertThat(codes.redeem(user, code)).isInstanceOf(RedeemResult.Expired.class);
        assertThat(codes.redeem(user, "RP-0000-0000-0000-0000")).isInstanceOf(RedeemResult.NotFound.class);
        assertThat(rows.balance(user)).isEqualByComparingTo("0");
    }

    @Test
    void subscriptionCodesStartASubscriptionThenExtendIt() {
        long user = rows.user("0");
        long group = rows.subscriptionGroup("5");
        List<String> batch = codes.generate(NewBatch.subscription(group, 30, 2)).codes();

        assertThat(codes.redeem(user, batch.get(0))).isInstanceOf(RedeemResult.Redeemed.class);
        assertThat(codes.redeem(user, batch.get(1))).isInstanceOf(RedeemResult.Redeemed.class);

        var sub = postgres.dsl().selectFrom(USER_SUBSCRIPTIONS).where(USER_SUBSCRIPTIONS.USER_ID.eq(user)).fetchSingle();
        assertThat(sub.getStatus()).isEqualTo("active");
        assertThat(sub.getStartsAt().toInstant()).isEqualTo(NOW);
        assertThat(sub.getExpiresAt().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(60)));
    }

    @Test
    void concurrencyCodesAddSlotsToALimitedMember() {
        long user = rows.user("0");
        postgres.dsl().update(USERS).set(USERS.CONCURRENCY_LIMIT, 2).where(USERS.ID.eq(user)).execute();
        String code = codes.generate(NewBatch.concurrency(3, 1)).codes().getFirst();

        assertThat(codes.redeem(user, code))
                .isEqualTo(new RedeemResult.Redeemed(CodeType.CONCURRENCY, "You may now run 5 requests at a time."));
    }
}
