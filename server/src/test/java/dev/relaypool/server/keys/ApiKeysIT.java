package dev.relaypool.server.keys;

import static dev.relaypool.server.storage.schema.Tables.API_KEYS;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.relaypool.server.storage.Database;
import dev.relaypool.server.testing.BillingRows;
import dev.relaypool.server.testing.PostgresExtension;
import dev.relaypool.server.testing.TestClock;
import dev.relaypool.server.testing.TestDatabase;
import java.security.SecureRandom;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The cached key check: one database read per key at a time under a burst, every caller answered; a key in use read
 * again ahead of its answer's expiry, an idle key's expired answer never used.
 */
class ApiKeysIT {
    @RegisterExtension static final PostgresExtension postgres = new PostgresExtension();
    static Database database;

    @BeforeAll
    static void open() {
        database = TestDatabase.open(postgres, 1);
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void aBurstOnAColdKeyWaitsForOneDatabaseReadInsteadOfDrainingThePool() throws Exception {
        BillingRows rows = new BillingRows(postgres.dsl());
        ApiKeys keys = new ApiKeys(database, new KeyFormat(new SecureRandom()), Clock.systemUTC());
        String key = keys.create(NewKey.named(rows.user("5"), rows.balanceGroup("1"), "burst")).key();
        HikariDataSource pool = (HikariDataSource) database.dataSource();
        ConcurrentLinkedQueue<KeyCheck> answers = new ConcurrentLinkedQueue<>();
        List<Thread> callers = new ArrayList<>();
        int waitingMeanwhile;
        try (Connection held = pool.getConnection()) { // the pool's only connection: every read must wait
            for (int i = 0; i < 50; i++) {
                callers.add(Thread.ofVirtual().start(() -> answers.add(keys.check(key))));
            }
            Thread.sleep(1_000);
            waitingMeanwhile = pool.getHikariPoolMXBean().getThreadsAwaitingConnection();
        }
        for (Thread caller : callers) {
            caller.join(10_000);
        }
        assertThat(waitingMeanwhile).isEqualTo(1);
        assertThat(answers).hasSize(50).allMatch(answer -> answer instanceof KeyCheck.Active);
    }

    @Test
    void aDisabledKeyIsRefusedAtOnceAfterTheChange() {
        BillingRows rows = new BillingRows(postgres.dsl());
        ApiKeys keys = new ApiKeys(database, new KeyFormat(new SecureRandom()), Clock.systemUTC());
        CreatedKey created = keys.create(NewKey.named(rows.user("5"), rows.balanceGroup("1"), "toggled"));
        assertThat(keys.check(created.key())).isInstanceOf(KeyCheck.Active.class);
        keys.disable(created.id());
        assertThat(keys.check(created.key())).isInstanceOf(KeyCheck.Disabled.class);
    }

    @Test
    void aKeyInUseIsReadAgainInTheBackgroundBeforeItsAnswerExpires() throws Exception {
        BillingRows rows = new BillingRows(postgres.dsl());
        TestClock clock = new TestClock();
        ApiKeys keys = new ApiKeys(database, new KeyFormat(new SecureRandom()), clock);
        CreatedKey created = keys.create(NewKey.named(rows.user("5"), rows.balanceGroup("1"), "read-ahead"));
        assertThat(keys.check(created.key())).isInstanceOf(KeyCheck.Active.class);
        disableBehindTheCachesBack(created.id()); // as another node would: no invalidation here

        clock.advance(ApiKeys.ACTIVE_TTL.dividedBy(2).minusSeconds(1));
        assertThat(keys.check(created.key())).as("young answer, no read").isInstanceOf(KeyCheck.Active.class);
        clock.advance(Duration.ofSeconds(2)); // past half its life, before its expiry
        assertThat(keys.check(created.key())).as("the answer at hand, at once").isInstanceOf(KeyCheck.Active.class);

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        KeyCheck later = keys.check(created.key());
        while (!(later instanceof KeyCheck.Disabled) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            later = keys.check(created.key());
        }
        assertThat(later).as("the background read's answer, still before the old one expired")
                .isInstanceOf(KeyCheck.Disabled.class);
    }

    @Test
    void anIdleKeysExpiredAnswerIsNeverUsed() {
        BillingRows rows = new BillingRows(postgres.dsl());
        TestClock clock = new TestClock();
        ApiKeys keys = new ApiKeys(database, new KeyFormat(new SecureRandom()), clock);
        CreatedKey created = keys.create(NewKey.named(rows.user("5"), rows.balanceGroup("1"), "idle"));
        assertThat(keys.check(created.key())).isInstanceOf(KeyCheck.Active.class);
        disableBehindTheCachesBack(created.id());

        clock.advance(ApiKeys.ACTIVE_TTL);
        assertThat(keys.check(created.key())).isInstanceOf(KeyCheck.Disabled.class);
    }

    private static void disableBehindTheCachesBack(long keyId) {
        postgres.dsl().update(API_KEYS).set(API_KEYS.STATUS, "disabled").where(API_KEYS.ID.eq(keyId)).execute();
    }
}
