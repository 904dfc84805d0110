package dev.relaypool.server.admin;

import static dev.relaypool.server.storage.schema.Tables.USAGE_LOG;

import dev.relaypool.model.admin.DashboardBucket;
import dev.relaypool.server.members.Problems;
import dev.relaypool.server.members.UsageFilter;
import dev.relaypool.server.members.UsageReports;
import dev.relaypool.server.storage.Database;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * The dashboard's time series, aggregated by PostgreSQL from usage_log per UTC bucket (rollup tables come later;
 * the bucket count is capped so a query stays bounded). Percentiles are exact ({@code percentile_cont}).
 */
final class UsageSeries {
    static final int MAX_BUCKETS = 1_500;

    enum Bucket {
        MINUTE(Duration.ofMinutes(1), Duration.ofHours(1)),
        HOUR(Duration.ofHours(1), Duration.ofDays(1)),
        DAY(Duration.ofDays(1), Duration.ofDays(30));

        final Duration length;
        final Duration defaultWindow;

        Bucket(Duration length, Duration defaultWindow) {
            this.length = length;
            this.defaultWindow = defaultWindow;
        }

        Duration defaultWindow() {
            return defaultWindow;
        }

        static Bucket parse(String value) {
            try {
                return valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw Problems.badRequest("bucket must be minute, hour or day");
            }
        }
    }

    private final Database database;

    UsageSeries(Database database) {
        this.database = database;
    }

    List<DashboardBucket> buckets(UsageFilter filter, Bucket bucket) {
        if (Duration.between(filter.from(), filter.to()).dividedBy(bucket.length) > MAX_BUCKETS) {
            throw Problems.badRequest("too many buckets: at most " + MAX_BUCKETS + "; narrow from/to or use a larger bucket");
        }
        Field<LocalDateTime> start = DSL.field("date_trunc({0}, {1} at time zone 'UTC')", LocalDateTime.class,
                DSL.inline(bucket.name().toLowerCase(Locale.ROOT)), USAGE_LOG.CREATED_AT);
        Field<Integer> errors = DSL.count().filterWhere(USAGE_LOG.STATUS_CODE.ge(400));
        return database.dsl().select(start, DSL.count(), errors, UsageReports.sum(USAGE_LOG.INPUT_TOKENS),
                        UsageReports.sum(USAGE_LOG.OUTPUT_TOKENS),
                        UsageReports.sum(USAGE_LOG.CACHE_WRITE_5M_TOKENS.plus(USAGE_LOG.CACHE_WRITE_1H_TOKENS)),
                        UsageReports.sum(USAGE_LOG.CACHE_READ_TOKENS), UsageReports.money(USAGE_LOG.ACTUAL_COST),
                        percentile(0.5, USAGE_LOG.DURATION_MS), percentile(0.95, USAGE_LOG.DURATION_MS),
                        percentile(0.99, USAGE_LOG.DURATION_MS), percentile(0.5, USAGE_LOG.FIRST_TOKEN_MS),
                        percentile(0.95, USAGE_LOG.FIRST_TOKEN_MS))
                .from(USAGE_LOG).where(filter.condition()).groupBy(start).orderBy(start)
                .fetch(r -> new DashboardBucket(r.value1().toInstant(ZoneOffset.UTC), r.value2(), r.value3(), r.value4(),
                        r.value5(), r.value6(), r.value7(), r.value8(), millis(r.value9()), millis(r.value10()),
                        millis(r.value11()), millis(r.value12()), millis(r.value13())));
    }

    private static Field<BigDecimal> percentile(double fraction, Field<Long> column) {
        return DSL.percentileCont(fraction).withinGroupOrderBy(column);
    }

    private static Long millis(BigDecimal value) {
        return value == null ? null : value.setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
    }
}
