package dev.relaypool.desktop.api;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.relaypool.model.admin.DashboardBucket;
import dev.relaypool.model.admin.UserUsage;
import dev.relaypool.model.member.ModelUsage;
import dev.relaypool.model.member.UsageRecordView;
import dev.relaypool.model.api.Page;
import java.io.OutputStream;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/** {@link UsageApi} over HTTP. */
public final class HttpUsageApi implements UsageApi {
    private static final String BASE = "api/v1/admin/usage";
    private final RestClient rest;

    public HttpUsageApi(RestClient rest) {
        this.rest = rest;
    }

    @Override
    public ApiResult<Page<UsageRecordView>> list(URI server, String token, ListQuery query) {
        return rest.get(server, token, BASE, query.parameters(), new TypeReference<>() {});
    }

    @Override
    public ApiResult<Long> exportCsv(URI server, String token, ListQuery query, OutputStream sink, LongConsumer progress,
                                     BooleanSupplier cancelled) {
        Map<String, String> params = new LinkedHashMap<>(query.parameters());
        params.remove("page");
        params.remove("size");
        return rest.download(server, token, BASE + "/export", params, sink, progress, cancelled);
    }

    @Override
    public ApiResult<List<DashboardBucket>> series(URI server, String token, String bucket, Instant from, Instant to) {
        return rest.get(server, token, BASE + "/series",
                Map.of("bucket", bucket, "from", from.toString(), "to", to.toString()), new TypeReference<>() {});
    }

    @Override
    public ApiResult<List<ModelUsage>> models(URI server, String token, Instant from, Instant to) {
        return rest.get(server, token, BASE + "/models", Map.of("from", from.toString(), "to", to.toString()),
                new TypeReference<>() {});
    }

    @Override
    public ApiResult<List<UserUsage>> users(URI server, String token, Instant from, Instant to) {
        return rest.get(server, token, BASE + "/users", Map.of("from", from.toString(), "to", to.toString()),
                new TypeReference<>() {});
    }
}
