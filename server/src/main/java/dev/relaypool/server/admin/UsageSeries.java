package dev.relaypool.server.admin;

import dev.relaypool.model.admin.DashboardBucket;
import dev.relaypool.server.members.PageQuery;
import dev.relaypool.server.members.UsageFilter;
import dev.relaypool.server.storage.Database;
import dev.relaypool.server.usage.rollup.Granularity;
import dev.relaypool.server.usage.rollup.RollupSeries;
import dev.relaypool.server.usage.rollup.RollupSlice;
import java.time.Instant;
import java.util.List;

/**
 * The admin dashboard's series ({@code ?bucket=minute|hour|day}, at most one of userId, keyId, accountId, groupId,
 * model), read from the usage rollups: never a scan of usage_log, however long the range.
 */
final class UsageSeries {
    private final RollupSeries rollups;

    UsageSeries(Database database) {
        this.rollups = new RollupSeries(database);
    }

    List<DashboardBucket> buckets(PageQuery query, Instant now) {
        Granularity granularity = Granularity.parse(query.param("bucket").orElse("hour"));
        RollupSlice slice = RollupSlice.admin(query);
        UsageFilter range = UsageFilter.admin(query, now, granularity.defaultWindow());
        return rollups.buckets(granularity, slice, range.from().toInstant(), range.to().toInstant());
    }
}
