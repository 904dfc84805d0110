package dev.relaypool.server.members;

import static dev.relaypool.server.storage.schema.Tables.API_KEYS;
import static dev.relaypool.server.storage.schema.Tables.USAGE_LOG;

import dev.relaypool.model.admin.DashboardBucket;
import dev.relaypool.model.api.Page;
import dev.relaypool.model.member.ModelUsage;
import dev.relaypool.model.member.UsageDay;
import dev.relaypool.model.member.UsageRecordView;
import dev.relaypool.server.storage.Database;
import dev.relaypool.server.storage.schema.tables.records.UsageLogRecord;
import dev.relaypool.server.usage.rollup.Granularity;
import dev.relaypool.server.usage.rollup.RollupSeries;
import dev.relaypool.server.usage.rollup.RollupSlice;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * Usage reports. Series come from the rollups ({@link RollupSeries}); the record listing and the per-model totals
 * are SQL over usage_log, bounded by the time range and served by the (user|key|account|group, created_at) indexes.
 */
public final class UsageReports {
    public static final Map<String, Field<?>> SORTABLE = Map.of("createdAt", USAGE_LOG.CREATED_AT,
            "cost", USAGE_LOG.ACTUAL_COST, "durationMs", USAGE_LOG.DURATION_MS,
            "outputTokens", USAGE_LOG.OUTPUT_TOKENS, "inputTokens", USAGE_LOG.INPUT_TOKENS);
    static final Field<Long> CACHE_WRITE = USAGE_LOG.CACHE_WRITE_5M_TOKENS.plus(USAGE_LOG.CACHE_WRITE_1H_TOKENS);

    private final Database database;
    private final RollupSeries rollups;

    public UsageReports(Database database) {
        this.database = database;
        this.rollups = new RollupSeries(database);
    }

    /** One page of records; {@code showAccount} false hides which upstream account answered. */
    public Page<UsageRecordView> records(UsageFilter filter, PageQuery page, boolean showAccount) {
        long total = database.dsl().fetchCount(USAGE_LOG, filter.condition());
        List<UsageRecordView> items = database.dsl().selectFrom(USAGE_LOG).where(filter.condition())
                .orderBy(page.order(), USAGE_LOG.ID.desc()).limit(page.size()).offset(page.offset())
                .fetch(row -> view(row, showAccount));
        return page.page(items, total);
    }

    /**
     * A member's series from the rollups: their own usage, or one of their keys ({@code keyId}); a key that is not
     * theirs has no buckets.
     */
    public List<DashboardBucket> series(PageQuery query, long userId, Granularity granularity, UsageFilter range) {
        RollupSlice slice = RollupSlice.member(query, userId);
        if (slice.dimension() == RollupSlice.Dimension.KEY && !database.dsl().fetchExists(API_KEYS,
                API_KEYS.ID.eq(Long.parseLong(slice.id())).and(API_KEYS.USER_ID.eq(userId)))) {
            return List.of();
        }
        return rollups.buckets(granularity, slice, range.from().toInstant(), range.to().toInstant());
    }

    /** A member's usage per UTC day, from the day rollups. */
    public List<UsageDay> daily(PageQuery query, long userId, UsageFilter range) {
        return series(query, userId, Granularity.DAY, range).stream()
                .map(b -> new UsageDay(LocalDate.ofInstant(b.start(), ZoneOffset.UTC), b.requests(), b.inputTokens(),
                        b.outputTokens(), b.cacheWriteTokens(), b.cacheReadTokens(), b.cost()))
                .toList();
    }

    public List<ModelUsage> byModel(UsageFilter filter) {
        Field<String> model = DSL.coalesce(USAGE_LOG.REQUESTED_MODEL, DSL.inline(""));
        Field<BigDecimal> cost = money(USAGE_LOG.ACTUAL_COST);
        return database.dsl().select(model, DSL.count(), sum(USAGE_LOG.INPUT_TOKENS), sum(USAGE_LOG.OUTPUT_TOKENS),
                        sum(CACHE_WRITE), sum(USAGE_LOG.CACHE_READ_TOKENS), cost)
                .from(USAGE_LOG).where(filter.condition()).groupBy(model).orderBy(cost.desc(), DSL.count().desc())
                .fetch(r -> new ModelUsage(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(),
                        r.value7()));
    }

    public static Field<Long> sum(Field<Long> tokens) {
        return DSL.coalesce(DSL.sum(tokens), BigDecimal.ZERO).cast(Long.class);
    }

    public static Field<BigDecimal> money(Field<BigDecimal> amount) {
        return DSL.coalesce(DSL.sum(amount), BigDecimal.ZERO);
    }

    public static UsageRecordView view(UsageLogRecord r, boolean showAccount) {
        return new UsageRecordView(r.getId(), r.getRequestId(), r.getCreatedAt().toInstant(), r.getUserId(),
                r.getApiKeyId(), r.getGroupId(), showAccount ? r.getAccountId() : null, r.getPlatform(),
                r.getEndpoint(), r.getRequestedModel(), r.getStream(), r.getStatusCode(), r.getInputTokens(),
                r.getOutputTokens(), r.getCacheWrite_5mTokens(), r.getCacheWrite_1hTokens(), r.getCacheReadTokens(),
                r.getTotalCost(), r.getActualCost(), r.getDurationMs(), r.getFirstTokenMs(), r.getErrorClass());
    }
}
