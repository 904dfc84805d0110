package dev.relaypool.server.limits;

import static dev.relaypool.server.storage.schema.Tables.API_KEYS;
import static dev.relaypool.server.storage.schema.Tables.USAGE_LOG;
import static dev.relaypool.server.storage.schema.Tables.USAGE_ROLLUPS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.server.storage.Database;
import dev.relaypool.server.testing.BillingRows;
import dev.relaypool.server.testing.PostgresExtension;
import dev.relaypool.server.testing.TestDatabase;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A key's rolling 5-hour, 1-day and 7-day spending, read from its usage rollups plus the rows of the window's
 * first part-minute or part-hour, is exactly what summing every usage row of the window gives: at window starts
 * on and between minute and hour boundaries, with rows exactly at and just after each start, with the minute
 * rollups kept or pruned, and with another key's rows beside it.
 */
class SpendingWindowsIT {
    @RegisterExtension
    static final PostgresExtension postgres = new PostgresExtension();
    static final List<Duration> WINDOWS = List.of(Duration.ofHours(5), Duration.ofDays(1), Duration.ofDays(7));
    static Database database;

    @BeforeAll
    static void open() {
        database = TestDatabase.open(postgres, 2);
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void windowSumsFromRollupsEqualTheSumOfEveryRow() {
        BillingRows rows = new BillingRows(postgres.dsl());
        long user = rows.user("100");
        long group = rows.balanceGroup("1");
        long key = rows.key(user, group);
        long otherKey = rows.key(user, group);
        postgres.dsl().update(API_KEYS).set(API_KEYS.LIMIT_5H_USD, new BigDecimal("1000000"))
                .set(API_KEYS.LIMIT_1D_USD, new BigDecimal("1000000")).set(API_KEYS.LIMIT_7D_USD, new BigDecimal("1000000"))
                .where(API_KEYS.ID.eq(key)).execute();

        Instant real = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Instant hour = real.truncatedTo(ChronoUnit.HOURS);
        List<Instant> nows = List.of(real, real.minusSeconds(1043).minusNanos(500_000), hour,
                hour.minus(7, ChronoUnit.MINUTES), real.truncatedTo(ChronoUnit.MINUTES).minusMillis(1));
        Random random = new Random(20261123);
        List<BillingRows.Spend> spends = new ArrayList<>();
        for (int i = 0; i < 4_000; i++) { // over eight days, denser in the last two hours
            long spanMillis = i % 4 == 0 ? Duration.ofDays(8).toMillis() : Duration.ofHours(2).toMillis();
            spends.add(new BillingRows.Spend(real.minusMillis((long) (random.nextDouble() * spanMillis))
                    .truncatedTo(ChronoUnit.MICROS), cost(random)));
        }
        for (Instant now : nows) {
            for (Duration window : WINDOWS) {
                Instant since = now.minus(window);
                for (Instant at : List.of(since, since.plusNanos(1_000), since.minusNanos(1_000),
                        since.truncatedTo(ChronoUnit.MINUTES), since.truncatedTo(ChronoUnit.HOURS),
                        since.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS))) {
                    spends.add(new BillingRows.Spend(at, cost(random)));
                }
            }
        }
        for (int from = 0; from < spends.size(); from += 500) {
            rows.usage(key, user, group, spends.subList(from, Math.min(spends.size(), from + 500)));
        }
        rows.usage(otherKey, user, group, spends.subList(0, 300));

        assertSumsExact(key, nows, Duration.ofHours(48));
        // as after the rollup pruner with a 1-hour retention: the older minute rollups are gone
        postgres.dsl().deleteFrom(USAGE_ROLLUPS).where(USAGE_ROLLUPS.GRANULARITY.eq("minute")
                .and(USAGE_ROLLUPS.BUCKET_START.lt(real.minus(Duration.ofHours(1)).atOffset(ZoneOffset.UTC)))).execute();
        assertSumsExact(key, nows, Duration.ofHours(1));
    }

    private static void assertSumsExact(long key, List<Instant> nows, Duration minuteRetention) {
        for (Instant now : nows) {
            // a store per time: one store caches a key's state, and these times are not in order
            SpendingStore store = new SpendingStore(database, Duration.ZERO, minuteRetention);
            List<SpendingState.Rolling> windows = store.state(key, false, now).state().keyWindows();
            assertThat(windows).extracting(SpendingState.Rolling::length).containsExactlyElementsOf(WINDOWS);
            for (SpendingState.Rolling window : windows) {
                BigDecimal everyRow = postgres.dsl().select(DSL.coalesce(DSL.sum(USAGE_LOG.ACTUAL_COST), BigDecimal.ZERO))
                        .from(USAGE_LOG).where(USAGE_LOG.API_KEY_ID.eq(key)
                                .and(USAGE_LOG.CREATED_AT.gt(now.minus(window.length()).atOffset(ZoneOffset.UTC))))
                        .fetchSingle().value1();
                assertThat(everyRow).as("rows in the %s window at %s", window.label(), now).isPositive();
                assertThat(window.spent()).as("%s window at %s, minute rollups kept %s", window.label(), now,
                        minuteRetention).isEqualByComparingTo(everyRow);
            }
        }
    }

    /** Up to $2 with ten decimals, as costs are stored. */
    private static BigDecimal cost(Random random) {
        return BigDecimal.valueOf(random.nextLong(20_000_000_000L) + 1, 10);
    }
}
