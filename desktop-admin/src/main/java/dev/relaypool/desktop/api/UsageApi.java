package dev.relaypool.desktop.api;

import dev.relaypool.model.admin.DashboardBucket;
import dev.relaypool.model.admin.UserUsage;
import dev.relaypool.model.member.ModelUsage;
import dev.relaypool.model.member.UsageRecordView;
import dev.relaypool.model.api.Page;
import java.io.OutputStream;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/** {@code /api/v1/admin/usage}: relayed requests, their series and breakdowns, and the CSV export. */
public interface UsageApi {
    ApiResult<Page<UsageRecordView>> list(URI server, String token, ListQuery query);

    /** Writes the records matching {@code query}'s filters (all pages) as CSV; {@code Ok(bytes)} when complete. */
    ApiResult<Long> exportCsv(URI server, String token, ListQuery query, OutputStream sink, LongConsumer progress,
                              BooleanSupplier cancelled);

    /** Buckets of {@code bucket} = minute, hour or day between {@code from} and {@code to}. */
    ApiResult<List<DashboardBucket>> series(URI server, String token, String bucket, Instant from, Instant to);

    ApiResult<List<ModelUsage>> models(URI server, String token, Instant from, Instant to);

    /** Usage per member over the period, costliest first. */
    ApiResult<List<UserUsage>> users(URI server, String token, Instant from, Instant to);
}
