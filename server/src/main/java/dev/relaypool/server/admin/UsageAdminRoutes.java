package dev.relaypool.server.admin;

import static dev.relaypool.server.storage.schema.Tables.USAGE_LOG;

import dev.relaypool.model.admin.DashboardBucket;
import dev.relaypool.model.admin.UserUsage;
import dev.relaypool.model.member.ModelUsage;
import dev.relaypool.model.member.UsageRecordView;
import dev.relaypool.server.api.Access;
import dev.relaypool.server.api.ApiRequest;
import dev.relaypool.server.api.ApiResponse;
import dev.relaypool.server.api.ApiTypes;
import dev.relaypool.server.api.Route;
import dev.relaypool.server.audit.Audit;
import dev.relaypool.server.members.PageQuery;
import dev.relaypool.server.members.Problems;
import dev.relaypool.server.members.UsageFilter;
import dev.relaypool.server.members.UsageReports;
import dev.relaypool.server.storage.schema.tables.records.UsageLogRecord;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jooq.Cursor;

/**
 * {@code /api/v1/admin/usage}: every member's requests (filterable), a CSV export streamed row by row from a
 * database cursor (never loaded whole), per-model and per-member totals and the dashboard series.
 */
final class UsageAdminRoutes {
    private static final String BASE = "/api/v1/admin/usage";
    private static final Duration DEFAULT_WINDOW = Duration.ofDays(1);
    private static final Duration MAX_EXPORT_WINDOW = Duration.ofDays(400);
    private final AdminContext ctx;
    private final UsageReports reports;
    private final UsageSeries series;
    private final UsageByUser byUser;

    UsageAdminRoutes(AdminContext ctx) {
        this.ctx = ctx;
        this.reports = new UsageReports(ctx.database());
        this.series = new UsageSeries(ctx.database());
        this.byUser = new UsageByUser(ctx.database());
    }

    List<Route<?>> routes() {
        String filters = "?from=&to=&userId=&keyId=&accountId=&groupId=&model=&status=";
        return List.of(
                Route.of("GET", BASE, Access.ADMIN, "Usage records (" + filters + ", paginated; default the last day)",
                        ApiTypes.pageOf(UsageRecordView.class), Problems.guarded(r -> {
                            PageQuery page = query(r);
                            return ApiResponse.ok(reports.records(filter(page), page, true));
                        })),
                Route.of("GET", BASE + "/export", Access.ADMIN, "Usage records as CSV, streamed (text/csv; " + filters + ")",
                        String.class, Problems.guarded(this::export)),
                Route.of("GET", BASE + "/models", Access.ADMIN, "Usage per model (" + filters + ")",
                        ApiTypes.listOf(ModelUsage.class), Problems.guarded(r -> ApiResponse.ok(reports.byModel(filter(query(r)))))),
                Route.of("GET", BASE + "/users", Access.ADMIN, "Usage per member, costliest 200 (" + filters + ")",
                        ApiTypes.listOf(UserUsage.class), Problems.guarded(r -> ApiResponse.ok(byUser.report(filter(query(r)))))),
                Route.of("GET", BASE + "/series", Access.ADMIN,
                        "Dashboard series from the rollups (?bucket=minute|hour|day&from=&to=, at most one of"
                                + " userId, keyId, accountId, groupId, model)",
                        ApiTypes.listOf(DashboardBucket.class), Problems.guarded(this::series)));
    }

    private static PageQuery query(ApiRequest<?> request) {
        return PageQuery.parse(request.query(), UsageReports.SORTABLE, "createdAt,desc");
    }

    private UsageFilter filter(PageQuery page) {
        return UsageFilter.admin(page, ctx.clock().instant(), DEFAULT_WINDOW);
    }

    private ApiResponse series(ApiRequest<Void> request) {
        return ApiResponse.ok(series.buckets(query(request), ctx.clock().instant()));
    }

    private ApiResponse export(ApiRequest<Void> request) {
        UsageFilter filter = filter(query(request));
        if (Duration.between(filter.from(), filter.to()).compareTo(MAX_EXPORT_WINDOW) > 0) {
            throw Problems.badRequest("an export covers at most 400 days");
        }
        ctx.database().transaction(tx -> Audit.record(tx, request, "usage.exported", "usage", null,
                Map.of("filter", request.query())));
        return ApiResponse.streamed("text/csv; charset=utf-8", out -> {
            Writer csv = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            csv.write(Csv.row("created_at", "request_id", "user_id", "key_id", "group_id", "account_id", "platform",
                    "endpoint", "model", "upstream_model", "stream", "status", "input_tokens", "output_tokens",
                    "cache_write_5m_tokens", "cache_write_1h_tokens", "cache_read_tokens", "total_cost", "cost",
                    "duration_ms", "first_token_ms", "error_class"));
            try {
                // a cursor needs a transaction in PostgreSQL; rows arrive in batches of fetchSize
                ctx.database().transaction(tx -> {
                    try (Cursor<UsageLogRecord> rows = tx.selectFrom(USAGE_LOG).where(filter.condition())
                            .orderBy(USAGE_LOG.CREATED_AT, USAGE_LOG.ID).fetchSize(500).fetchLazy()) {
                        for (UsageLogRecord r : rows) {
                            csv.write(row(r));
                        }
                        csv.flush();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }).withHeader("Content-Disposition", "attachment; filename=\"usage.csv\"");
    }

    private static String row(UsageLogRecord r) {
        return Csv.row(r.getCreatedAt(), r.getRequestId(), r.getUserId(), r.getApiKeyId(), r.getGroupId(),
                r.getAccountId(), r.getPlatform(), r.getEndpoint(), r.getRequestedModel(), r.getUpstreamModel(),
                r.getStream(), r.getStatusCode(), r.getInputTokens(), r.getOutputTokens(), r.getCacheWrite_5mTokens(),
                r.getCacheWrite_1hTokens(), r.getCacheReadTokens(), r.getTotalCost().toPlainString(),
                r.getActualCost().toPlainString(), r.getDurationMs(), r.getFirstTokenMs(), r.getErrorClass());
    }
}
