package dev.relaypool.server.usage.rollup;

import static dev.relaypool.server.storage.schema.Tables.USAGE_LOG;
import static dev.relaypool.server.storage.schema.Tables.USAGE_ROLLUPS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.model.Platform;
import dev.relaypool.model.admin.DashboardBucket;
import dev.relaypool.server.billing.CostCalculator;
import dev.relaypool.server.billing.PostgresBatchWriter;
import dev.relaypool.server.billing.PriceCatalogue;
import dev.relaypool.server.billing.Pricing;
import dev.relaypool.server.config.RelaypoolConfig;
import dev.relaypool.server.storage.Database;
import dev.relaypool.server.storage.schema.Routines;
import dev.relaypool.server.testing.BillingRows;
import dev.relaypool.server.testing.PostgresExtension;
import dev.relaypool.server.testing.TestDatabase;
import dev.relaypool.server.usage.TokenUsage;
import dev.relaypool.server.usage.UsageRecord;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Settles a known, varied set of usage records through the real batch writer (some batches twice) and checks
 * that every rollup row, and the series read from them, equal a direct aggregation of usage_log.
 */
class UsageRollupsIT {
    @RegisterExtension static final PostgresExtension postgres = new PostgresExtension();
    static final Instant START = Instant.parse("2026-07-24T22:10:00Z"); // the records cross a UTC midnight
    static final List<String> MODELS = List.of("claude-sonnet-4-5", "claude-haiku-4-5");

    static Database database;
    static PostgresBatchWriter writer;
    static List<UsageRecord> settled = new ArrayList<>();

    @BeforeAll
    static void settle() throws Exception {
        database = TestDatabase.open(postgres, 4);
        CostCalculator calculator = new CostCalculator(() -> Pricing.of(PriceCatalogue.bundled()),
                new RelaypoolConfig.Billing(RelaypoolConfig.BillingMode.STANDARD, true,
                        RelaypoolConfig.UnpricedModel.REFUSE, BigDecimal.ZERO));
        writer = new PostgresBatchWriter(database, calculator, RelaypoolConfig.BillingMode.STANDARD, Clock.systemUTC());
        BillingRows rows = new BillingRows(postgres.dsl());
        long ann = rows.user("1000");
        long bob = rows.user("1000");
        long group = rows.balanceGroup("1.5");
        long otherGroup = rows.balanceGroup("1");
        long[][] keys = {{ann, group, rows.key(ann, group)}, {ann, otherGroup, rows.key(ann, otherGroup)},
                {bob, group, rows.key(bob, group)}};
        long[] accounts = {rows.account(), rows.account()};
        Random random = new Random(42);
        List<UsageRecord> records = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            long[] key = keys[random.nextInt(keys.length)];
            boolean error = random.nextInt(6) == 0;
            boolean stream = random.nextBoolean();
            TokenUsage tokens = error ? TokenUsage.NONE : new TokenUsage(random.nextInt(5_000), random.nextInt(900),
                    random.nextInt(3) == 0 ? random.nextInt(2_000) : 0, random.nextInt(4) == 0 ? random.nextInt(800) : 0,
                    random.nextInt(2) == 0 ? random.nextInt(9_000) : 0);
            long duration = (long) Math.exp(random.nextDouble() * 11); // 1 ms .. about a minute, log-spread
            records.add(new UsageRecord("rollup-" + i, key[0], key[2], key[1],
                    error && random.nextBoolean() ? null : accounts[random.nextInt(2)], Platform.ANTHROPIC,
                    "/v1/messages", MODELS.get(random.nextInt(2)), null, stream, error ? 529 : 200, tokens, duration,
                    stream ? (Long) Math.max(0, duration / (2 + random.nextInt(5))) : null, error ? "overloaded" : null,
                    "127.0.0.1", "test", START.plusSeconds(i * 97L)));
        }
        for (int from = 0; from < records.size(); from += 25) {
            writer.write(records.subList(from, Math.min(records.size(), from + 25)));
        }
        writer.write(records.subList(0, 25)); // a replayed batch
        writer.write(List.of(records.get(30), records.get(31), records.get(99))); // a sweep re-queued some
        settled.addAll(records);
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void everyRollupRowEqualsAggregatingUsageLog() {
        Map<String, String> expected = new TreeMap<>();
        for (Granularity granularity : Granularity.values()) {
            for (RollupSlice.Dimension dimension : RollupSlice.Dimension.values()) {
                expected.putAll(direct(granularity, dimension));
            }
        }
        var r = USAGE_ROLLUPS;
        Map<String, String> actual = new TreeMap<>(postgres.dsl().selectFrom(r).fetchMap(
                row -> key(row.getGranularity(), row.getDimension(), row.getDimensionId(), row.getBucketStart()),
                row -> totals(row.getRequests(), row.getErrors(), row.getInputTokens(), row.getOutputTokens(),
                        row.getCacheWrite_5mTokens(), row.getCacheWrite_1hTokens(), row.getCacheReadTokens(),
                        row.getListCost(), row.getCost())));

        assertThat(postgres.dsl().fetchCount(USAGE_LOG)).isEqualTo(settled.size());
        assertThat(actual).isEqualTo(expected);
        assertThat(expected).hasSizeGreaterThan(200);
        assertThat(actual.keySet()).anyMatch(k -> k.startsWith("day|all||2026-07-25"));
    }

    @Test
    void seriesPercentilesFallInTheBucketOfTheExactValue() {
        RollupSeries series = new RollupSeries(database);
        Instant to = START.plusSeconds(86_400);
        List<DashboardBucket> hours = series.buckets(Granularity.HOUR, RollupSlice.ALL, START, to);
        List<DashboardBucket> minutes = series.buckets(Granularity.MINUTE, RollupSlice.ALL, START, to);

        assertThat(hours).hasSize(4); // 22:00, 23:00, 00:00, 01:00
        assertThat(hours.stream().mapToLong(DashboardBucket::requests).sum()).isEqualTo(settled.size());
        assertThat(minutes.stream().mapToLong(DashboardBucket::errors).sum())
                .isEqualTo(settled.stream().filter(u -> u.statusCode() >= 400).count());
        for (DashboardBucket hour : hours) {
            Instant end = hour.start().plusSeconds(3600);
            assertSameBucket(hour.latencyP50Ms(), exact(USAGE_LOG.DURATION_MS, 0.5, hour.start(), end));
            assertSameBucket(hour.latencyP90Ms(), exact(USAGE_LOG.DURATION_MS, 0.9, hour.start(), end));
            assertSameBucket(hour.latencyP99Ms(), exact(USAGE_LOG.DURATION_MS, 0.99, hour.start(), end));
            assertSameBucket(hour.ttftP50Ms(), exact(USAGE_LOG.FIRST_TOKEN_MS, 0.5, hour.start(), end));
            assertSameBucket(hour.ttftP90Ms(), exact(USAGE_LOG.FIRST_TOKEN_MS, 0.9, hour.start(), end));
            assertSameBucket(hour.ttftP99Ms(), exact(USAGE_LOG.FIRST_TOKEN_MS, 0.99, hour.start(), end));
            BigDecimal cost = postgres.dsl().select(DSL.sum(USAGE_LOG.ACTUAL_COST)).from(USAGE_LOG)
                    .where(USAGE_LOG.CREATED_AT.ge(hour.start().atOffset(ZoneOffset.UTC)),
                            USAGE_LOG.CREATED_AT.lt(end.atOffset(ZoneOffset.UTC))).fetchSingle().value1();
            assertThat(hour.cost()).isEqualByComparingTo(cost);
        }
    }

    @Test
    void aModelSeriesCountsOnlyThatModel() {
        List<DashboardBucket> days = new RollupSeries(database).buckets(Granularity.DAY,
                new RollupSlice(RollupSlice.Dimension.MODEL, "claude-haiku-4-5"), START, START.plusSeconds(2 * 86_400));

        assertThat(days).hasSize(2);
        assertThat(days.stream().mapToLong(DashboardBucket::requests).sum())
                .isEqualTo(settled.stream().filter(u -> u.requestedModel().equals("claude-haiku-4-5")).count());
    }

    /** The expected rollup rows of one granularity and dimension, straight from usage_log. */
    private static Map<String, String> direct(Granularity granularity, RollupSlice.Dimension dimension) {
        var u = USAGE_LOG;
        Field<String> id = switch (dimension) {
            case ALL -> DSL.inline("");
            case USER -> u.USER_ID.cast(String.class);
            case KEY -> u.API_KEY_ID.cast(String.class);
            case ACCOUNT -> u.ACCOUNT_ID.cast(String.class);
            case MODEL -> DSL.coalesce(u.REQUESTED_MODEL, DSL.inline(""));
            case GROUP -> u.GROUP_ID.cast(String.class);
        };
        Field<OffsetDateTime> start = DSL.field("date_trunc({0}, {1} at time zone 'UTC') at time zone 'UTC'",
                OffsetDateTime.class, DSL.inline(granularity.column()), u.CREATED_AT);
        return postgres.dsl().select(start, id, DSL.count(), DSL.count().filterWhere(u.STATUS_CODE.ge(400)),
                        DSL.sum(u.INPUT_TOKENS), DSL.sum(u.OUTPUT_TOKENS), DSL.sum(u.CACHE_WRITE_5M_TOKENS),
                        DSL.sum(u.CACHE_WRITE_1H_TOKENS), DSL.sum(u.CACHE_READ_TOKENS), DSL.sum(u.TOTAL_COST),
                        DSL.sum(u.ACTUAL_COST))
                .from(u).where(id.isNotNull())
                .groupBy(dimension == RollupSlice.Dimension.ALL ? List.of(start) : List.of(start, id))
                .fetchMap(r -> key(granularity.column(), dimension.column(), r.value2(), r.value1()),
                        r -> totals(r.value3(), r.value4(), r.value5(), r.value6(), r.value7(), r.value8(),
                                r.value9(), r.value10(), r.value11()));
    }

    private static String key(String granularity, String dimension, String id, OffsetDateTime start) {
        return granularity + "|" + dimension + "|" + id + "|" + start.toInstant();
    }

    private static String totals(Number... values) {
        List<String> text = new ArrayList<>();
        for (Number value : values) {
            text.add(value instanceof BigDecimal d ? d.stripTrailingZeros().toPlainString() : value.toString());
        }
        return String.join(",", text);
    }

    /** percentile_disc: the nearest-rank value, which the histogram's answer must share a bucket with. */
    private static Long exact(Field<Long> column, double fraction, Instant from, Instant to) {
        return postgres.dsl().select(DSL.percentileDisc(fraction).withinGroupOrderBy(column).cast(Long.class))
                .from(USAGE_LOG).where(USAGE_LOG.CREATED_AT.ge(from.atOffset(ZoneOffset.UTC)),
                        USAGE_LOG.CREATED_AT.lt(to.atOffset(ZoneOffset.UTC)), column.isNotNull())
                .fetchSingle().value1();
    }

    private static void assertSameBucket(Long reported, Long exact) {
        if (exact == null) {
            assertThat(reported).isNull();
            return;
        }
        assertThat(reported).isNotNull();
        assertThat(bucket(reported)).as("bucket of %d vs exact %d", reported, exact).isEqualTo(bucket(exact));
    }

    private static int bucket(long ms) {
        return postgres.dsl().select(Routines.rollupBucket(DSL.val(ms))).fetchSingle().value1();
    }
}
