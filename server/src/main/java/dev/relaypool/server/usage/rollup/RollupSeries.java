package dev.relaypool.server.usage.rollup;

import static dev.relaypool.server.storage.schema.Tables.USAGE_ROLLUPS;

import dev.relaypool.model.admin.DashboardBucket;
import dev.relaypool.server.members.Problems;
import dev.relaypool.server.storage.Database;
import dev.relaypool.server.storage.schema.Routines;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * Dashboard series read from the rollups only (never usage_log): one row per bucket of the slice, so a series of
 * n buckets reads at most n rows whatever the traffic. A bucket is reported whole: {@code from} is rounded down
 * to the start of its bucket. Buckets without requests are absent. Minute rows older than the retention are gone.
 */
public final class RollupSeries {
    public static final int MAX_BUCKETS = 1_500;
    private static final Field<BigDecimal> P50 = DSL.inline(new BigDecimal("0.5"));
    private static final Field<BigDecimal> P90 = DSL.inline(new BigDecimal("0.9"));
    private static final Field<BigDecimal> P95 = DSL.inline(new BigDecimal("0.95"));
    private static final Field<BigDecimal> P99 = DSL.inline(new BigDecimal("0.99"));

    private final Database database;

    public RollupSeries(Database database) {
        this.database = database;
    }

    /** The buckets of {@code slice} from {@code from} (rounded down to its bucket) until {@code to}, in time order. */
    public List<DashboardBucket> buckets(Granularity granularity, RollupSlice slice, Instant from, Instant to) {
        Instant start = granularity.truncate(from);
        if (Duration.between(start, to).dividedBy(granularity.length()) > MAX_BUCKETS) {
            throw Problems.badRequest("too many buckets: at most " + MAX_BUCKETS
                    + "; narrow from/to or use a larger bucket");
        }
        var r = USAGE_ROLLUPS;
        return database.dsl().select(r.BUCKET_START, r.REQUESTS, r.ERRORS, r.INPUT_TOKENS, r.OUTPUT_TOKENS,
                        r.CACHE_WRITE_5M_TOKENS.plus(r.CACHE_WRITE_1H_TOKENS), r.CACHE_READ_TOKENS, r.COST,
                        percentile(r.LATENCY_HISTOGRAM, P50), percentile(r.LATENCY_HISTOGRAM, P90),
                        percentile(r.LATENCY_HISTOGRAM, P95), percentile(r.LATENCY_HISTOGRAM, P99),
                        percentile(r.TTFT_HISTOGRAM, P50), percentile(r.TTFT_HISTOGRAM, P90),
                        percentile(r.TTFT_HISTOGRAM, P95), percentile(r.TTFT_HISTOGRAM, P99))
                .from(r)
                .where(r.GRANULARITY.eq(granularity.column()), r.DIMENSION.eq(slice.dimension().column()),
                        r.DIMENSION_ID.eq(slice.id()), r.BUCKET_START.ge(start.atOffset(ZoneOffset.UTC)),
                        r.BUCKET_START.lt(to.atOffset(ZoneOffset.UTC)))
                .orderBy(r.BUCKET_START)
                .fetch(row -> new DashboardBucket(row.value1().toInstant(), row.value2(), row.value3(), row.value4(),
                        row.value5(), row.value6(), row.value7(), row.value8(), row.value9(), row.value11(),
                        row.value12(), row.value13(), row.value15(), row.value10(), row.value14(), row.value16()));
    }

    private static Field<Long> percentile(Field<Long[]> histogram, Field<BigDecimal> fraction) {
        return Routines.rollupPercentile(histogram, fraction);
    }
}
