package dev.relaypool.server.limits;

import static dev.relaypool.server.storage.schema.Tables.API_KEYS;
import static dev.relaypool.server.storage.schema.Tables.USERS;
import static dev.relaypool.server.storage.schema.Tables.USER_SUBSCRIPTIONS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.model.Platform;
import dev.relaypool.server.billing.CostCalculator;
import dev.relaypool.server.billing.PriceCatalogue;
import dev.relaypool.server.billing.Pricing;
import dev.relaypool.server.config.RelaypoolConfig;
import dev.relaypool.server.coordination.Coordination;
import dev.relaypool.server.coordination.local.LocalCoordination;
import dev.relaypool.server.keys.ActiveKey;
import dev.relaypool.server.limits.AdmissionResult.Admitted;
import dev.relaypool.server.limits.AdmissionResult.Reason;
import dev.relaypool.server.limits.AdmissionResult.Refused;
import dev.relaypool.server.scheduling.LeaseRenewer;
import dev.relaypool.server.storage.Database;
import dev.relaypool.server.testing.BillingRows;
import dev.relaypool.server.testing.PostgresExtension;
import dev.relaypool.server.testing.TestClock;
import dev.relaypool.server.testing.TestDatabase;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Admission against a real PostgreSQL and the in-process coordination (Redis: {@link RedisAdmissionIT}). */
class AdmissionIT {
    @RegisterExtension static final PostgresExtension postgres = new PostgresExtension();
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final String MODEL = "claude-sonnet-4-5";
    static Database database;

    final LeaseRenewer renewer = new LeaseRenewer(Duration.ofSeconds(30));
    final Coordination coordination = new LocalCoordination(CLOCK);
    BillingRows rows = new BillingRows(postgres.dsl());

    @BeforeAll
    static void open() {
        database = TestDatabase.open(postgres, 4);
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @AfterEach
    void stop() {
        renewer.close();
        coordination.close();
    }

    static Admission admission(Database db, Coordination coordination, LeaseRenewer renewer,
                               RelaypoolConfig.BillingMode mode, boolean failClosed) {
        RelaypoolConfig.Billing billing = new RelaypoolConfig.Billing(mode, failClosed,
                RelaypoolConfig.UnpricedModel.REFUSE, BigDecimal.ZERO);
        return new Admission(db, new CostCalculator(() -> Pricing.of(PriceCatalogue.bundled()), billing), billing,
                coordination, renewer, new Admission.Settings(Duration.ZERO, Duration.ofMillis(300), 5), CLOCK);
    }

    Admission admission() {
        return admission(database, coordination, renewer, RelaypoolConfig.BillingMode.STANDARD, true);
    }

    /** A key of a new member with {@code balance} in a new balance group; limits through {@link Limits}. */
    ActiveKey balanceKey(String balance, Limits limits) {
        long user = rows.user(balance);
        long group = rows.balanceGroup("1");
        return limits.key(rows.key(user, group), user, group, "balance");
    }

    record Limits(BigDecimal quota, Integer keyConcurrency, Integer userConcurrency, Integer keyRpm, Long keyTpm,
                  Instant expiresAt) {
        static final Limits NONE = new Limits(null, null, null, null, null, null);

        ActiveKey key(long keyId, long userId, long groupId, String billingType) {
            return new ActiveKey(keyId, "rp-test", userId, groupId, "team", Platform.ANTHROPIC, billingType,
                    BigDecimal.ONE, null, expiresAt, quota, keyConcurrency, userConcurrency, keyRpm, null, null,
                    keyTpm, null, null, List.of(), List.of());
        }
    }

    static Refused refused(AdmissionResult result) {
        assertThat(result).isInstanceOf(Refused.class);
        return (Refused) result;
    }

    @Test
    void refusesAnEmptyBalanceWith402() {
        Refused refused = refused(admission().admit(balanceKey("0", Limits.NONE), MODEL));

        assertThat(refused.reason()).isEqualTo(Reason.INSUFFICIENT_BALANCE);
        assertThat(refused.status()).isEqualTo(402);
        assertThat(refused.message()).contains("balance is $0.00");
    }

    @Test
    void admitsAPositiveBalanceAndReleasesNothingItDidNotTake() {
        assertThat(admission().admit(balanceKey("0.01", Limits.NONE), MODEL)).isInstanceOf(Admitted.class);
    }

    @Test
    void simpleModeDoesNotLookAtTheBalance() {
        Admission simple = admission(database, coordination, renewer, RelaypoolConfig.BillingMode.SIMPLE, true);

        assertThat(simple.admit(balanceKey("0", Limits.NONE), MODEL)).isInstanceOf(Admitted.class);
    }

    @Test
    void refusesAnExpiredKey() {
        Refused refused = refused(admission().admit(balanceKey("5", new Limits(null, null, null, null, null,
                NOW.minusSeconds(1))), MODEL));

        assertThat(refused.reason()).isEqualTo(Reason.KEY_EXPIRED);
        assertThat(refused.status()).isEqualTo(403);
    }

    @Test
    void refusesAModelWithoutAPrice() {
        Refused refused = refused(admission().admit(balanceKey("5", Limits.NONE), "no-such-model-1"));

        assertThat(refused.reason()).isEqualTo(Reason.MODEL_NOT_PRICED);
        assertThat(refused.message()).contains("'no-such-model-1' has no price");
    }

    @Test
    void refusesAKeyWhoseQuotaIsUsedUp() {
        ActiveKey key = balanceKey("5", new Limits(new BigDecimal("3"), null, null, null, null, null));
        postgres.dsl().update(API_KEYS).set(API_KEYS.USED_USD, new BigDecimal("3")).where(API_KEYS.ID.eq(key.keyId())).execute();

        Refused refused = refused(admission().admit(key, MODEL));

        assertThat(refused.reason()).isEqualTo(Reason.KEY_QUOTA);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.message()).contains("total quota of $3.00 is used up");
    }

    @Test
    void refusesAKeyOverItsFiveHourLimitAndSaysWhenItFreesUp() {
        ActiveKey key = balanceKey("5", Limits.NONE);
        postgres.dsl().update(API_KEYS).set(API_KEYS.LIMIT_5H_USD, new BigDecimal("1")).where(API_KEYS.ID.eq(key.keyId())).execute();
        usage(key, NOW.minus(Duration.ofHours(6)), "5"); // outside the window
        usage(key, NOW.minus(Duration.ofHours(4)), "0.6");
        usage(key, NOW.minus(Duration.ofHours(1)), "0.6");

        Refused refused = refused(admission().admit(key, MODEL));

        assertThat(refused.reason()).isEqualTo(Reason.KEY_SPENDING_LIMIT);
        assertThat(refused.message()).contains("5-hour spending limit of $1.00 is reached ($1.20 spent")
                .contains("frees up at " + NOW.plus(Duration.ofHours(1)));
        assertThat(refused.retryAfter()).contains(Duration.ofHours(1));
    }

    @Test
    void refusesWithoutAnActiveSubscription() {
        long user = rows.user("100");
        long group = rows.subscriptionGroup("1");
        Refused refused = refused(admission().admit(Limits.NONE.key(rows.key(user, group), user, group, "subscription"), MODEL));

        assertThat(refused.reason()).isEqualTo(Reason.NO_SUBSCRIPTION);
        assertThat(refused.status()).isEqualTo(403);
    }

    @Test
    void refusesASubscriptionOverItsDailyLimitUntilTheWindowResets() {
        long user = rows.user("0"); // the balance does not matter for subscriptions
        long group = rows.subscriptionGroup("1");
        long sub = rows.subscription(user, group, NOW.minus(Duration.ofDays(3)), NOW.plus(Duration.ofDays(27)));
        postgres.dsl().update(USER_SUBSCRIPTIONS)
                .set(USER_SUBSCRIPTIONS.DAILY_WINDOW_START, NOW.minus(Duration.ofHours(2)).atOffset(ZoneOffset.UTC))
                .set(USER_SUBSCRIPTIONS.DAILY_USAGE_USD, new BigDecimal("1.5"))
                .where(USER_SUBSCRIPTIONS.ID.eq(sub)).execute();
        ActiveKey key = Limits.NONE.key(rows.key(user, group), user, group, "subscription");

        Refused refused = refused(admission().admit(key, MODEL));

        assertThat(refused.reason()).isEqualTo(Reason.SUBSCRIPTION_LIMIT);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.message()).contains("daily limit").contains("($1.00) is reached ($1.50 used)")
                .contains("resets at " + NOW.plus(Duration.ofHours(22)) + " (in 22h 0m)");
        assertThat(refused.retryAfter()).contains(Duration.ofHours(22));
    }

    @Test
    void refusesWith503WhenTheBillingStoreIsDownAndFailClosed() {
        ActiveKey key = balanceKey("5", Limits.NONE);
        Database down = TestDatabase.open(postgres, 1);
        down.close();

        Refused refused = refused(admission(down, coordination, renewer, RelaypoolConfig.BillingMode.STANDARD, true)
                .admit(key, MODEL));
        AdmissionResult open = admission(down, coordination, renewer, RelaypoolConfig.BillingMode.STANDARD, false)
                .admit(key, MODEL);

        assertThat(refused.reason()).isEqualTo(Reason.BILLING_UNAVAILABLE);
        assertThat(refused.status()).isEqualTo(503);
        assertThat(open).isInstanceOf(Admitted.class);
    }

    /** Spending state cached for 3 s, on a clock the test moves; fail-closed. */
    Admission admissionWithStateTtl(Database db, TestClock clock) {
        RelaypoolConfig.Billing billing = new RelaypoolConfig.Billing(RelaypoolConfig.BillingMode.STANDARD, true,
                RelaypoolConfig.UnpricedModel.REFUSE, BigDecimal.ZERO);
        return new Admission(db, new CostCalculator(() -> Pricing.of(PriceCatalogue.bundled()), billing),
                billing, coordination, renewer, new Admission.Settings(Duration.ofSeconds(3), Duration.ofMillis(300), 5),
                clock);
    }

    /** Admits {@code key} until it is refused (a background read landing), for at most 10 s. */
    static Refused awaitRefusal(Admission admission, ActiveKey key) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        AdmissionResult result = admission.admit(key, MODEL);
        while (!(result instanceof Refused) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            result = admission.admit(key, MODEL);
        }
        return refused(result);
    }

    private void setBalance(long userId, String balance) {
        postgres.dsl().update(USERS).set(USERS.BALANCE, new BigDecimal(balance)).where(USERS.ID.eq(userId)).execute();
    }

    @Test
    void aKeyBackFromAPauseIsLetInOnItsLastStateWhileItIsReadAgain() throws Exception {
        TestClock clock = new TestClock();
        Admission admission = admissionWithStateTtl(database, clock);
        ActiveKey key = balanceKey("5", Limits.NONE);
        assertThat(admission.admit(key, MODEL)).isInstanceOf(Admitted.class);
        setBalance(key.userId(), "0"); // spent by another key meanwhile

        clock.advance(Duration.ofSeconds(20)); // a pause: past the state's 3 s, within its grace
        assertThat(admission.admit(key, MODEL)).as("no wait for the database").isInstanceOf(Admitted.class);

        assertThat(awaitRefusal(admission, key).reason()).as("the background read's numbers")
                .isEqualTo(Reason.INSUFFICIENT_BALANCE);
    }

    @Test
    void aStaleStateNeverTurnsARequestAway() {
        TestClock clock = new TestClock();
        Admission admission = admissionWithStateTtl(database, clock);
        ActiveKey key = balanceKey("0", Limits.NONE);
        assertThat(refused(admission.admit(key, MODEL)).reason()).isEqualTo(Reason.INSUFFICIENT_BALANCE);
        setBalance(key.userId(), "5"); // topped up (by another node: no invalidation here)

        clock.advance(Duration.ofSeconds(20));
        assertThat(admission.admit(key, MODEL)).as("refusal re-checked on a fresh read").isInstanceOf(Admitted.class);
    }

    @Test
    void aFailedBackgroundReadEndsTheGraceSoAnOutageFailsClosed() throws Exception {
        TestClock clock = new TestClock();
        Database soonDown = TestDatabase.open(postgres, 1);
        Admission admission = admissionWithStateTtl(soonDown, clock);
        ActiveKey key = balanceKey("5", Limits.NONE);
        assertThat(admission.admit(key, MODEL)).isInstanceOf(Admitted.class);
        soonDown.close();

        clock.advance(Duration.ofSeconds(20));
        assertThat(admission.admit(key, MODEL)).as("on the last state, while it is read").isInstanceOf(Admitted.class);

        assertThat(awaitRefusal(admission, key).reason()).as("long before the grace's 30 s")
                .isEqualTo(Reason.BILLING_UNAVAILABLE);
    }

    @Test
    void aKeyIdleBeyondTheGraceWaitsForAFreshState() {
        TestClock clock = new TestClock();
        Admission admission = admissionWithStateTtl(database, clock);
        ActiveKey key = balanceKey("5", Limits.NONE);
        assertThat(admission.admit(key, MODEL)).isInstanceOf(Admitted.class);
        setBalance(key.userId(), "0");

        clock.advance(Duration.ofMinutes(5));
        assertThat(refused(admission.admit(key, MODEL)).reason()).isEqualTo(Reason.INSUFFICIENT_BALANCE);
    }

    @Test
    void countsTokensAfterTheAnswerTowardsTheKeysTpm() {
        ActiveKey key = balanceKey("5", new Limits(null, null, null, null, 1_000L, null));
        Admission admission = admission();
        assertThat(admission.admit(key, MODEL)).isInstanceOf(Admitted.class);

        admission.countingTokens(record -> {}).accept(new dev.relaypool.server.usage.UsageRecord(
                UUID.randomUUID().toString(), key.userId(), key.keyId(), key.groupId(), 1L, Platform.ANTHROPIC,
                "/v1/messages", MODEL, MODEL, false, 200, new dev.relaypool.server.usage.TokenUsage(1_400, 100, 0, 0, 0),
                10, null, null, null, null, NOW));

        Refused refused = refused(admission.admit(key, MODEL));
        assertThat(refused.reason()).isEqualTo(Reason.TPM_LIMIT);
        assertThat(refused.message()).contains("API key limit of 1000 tokens per minute");
        assertThat(refused.retryAfter()).isPresent();
    }

    @Test
    void rpmAndConcurrencyFollowTheSharedContract() {
        LimitsContract.rpmRefusesWithRetryAfter(admission(), balanceKey("5", new Limits(null, null, null, 2, null, null)));
        LimitsContract.concurrencySlotsAreReleased(admission(), coordination,
                balanceKey("5", new Limits(null, 1, 2, null, null, null)));
    }

    void usage(ActiveKey key, Instant at, String cost) {
        rows.usage(key.keyId(), key.userId(), key.groupId(), List.of(new BillingRows.Spend(at, new BigDecimal(cost))));
    }
}
