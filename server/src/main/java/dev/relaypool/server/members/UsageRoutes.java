package dev.relaypool.server.members;

import dev.relaypool.model.admin.DashboardBucket;
import dev.relaypool.model.member.ModelUsage;
import dev.relaypool.model.member.UsageDay;
import dev.relaypool.model.member.UsageRecordView;
import dev.relaypool.server.api.Access;
import dev.relaypool.server.api.ApiRequest;
import dev.relaypool.server.api.ApiResponse;
import dev.relaypool.server.api.ApiTypes;
import dev.relaypool.server.api.Route;
import dev.relaypool.server.usage.rollup.Granularity;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** {@code /api/v1/usage}: the member's own requests, series (from the rollups) and per-model breakdown. */
final class UsageRoutes {
    private static final Duration RECORDS_WINDOW = Duration.ofDays(30);
    private static final Duration MAX_WINDOW = Duration.ofDays(400);
    private final UsageReports reports;
    private final Clock clock;

    UsageRoutes(UsageReports reports, Clock clock) {
        this.reports = reports;
        this.clock = clock;
    }

    List<Route<?>> routes() {
        return List.of(
                Route.of("GET", "/api/v1/usage", Access.MEMBER,
                        "My requests (?from=&to=&keyId=&groupId=&model=&status=, paginated; default the last 30 days)",
                        ApiTypes.pageOf(UsageRecordView.class), Problems.guarded(r -> {
                            PageQuery page = PageQuery.parse(r.query(), UsageReports.SORTABLE, "createdAt,desc");
                            return ApiResponse.ok(reports.records(filter(r, page), page, false));
                        })),
                Route.of("GET", "/api/v1/usage/daily", Access.MEMBER, "My usage per UTC day (?from=&to=&keyId=)",
                        ApiTypes.listOf(UsageDay.class), Problems.guarded(r -> {
                            PageQuery page = query(r);
                            return ApiResponse.ok(reports.daily(page, r.user().userId(), filter(r, page, RECORDS_WINDOW)));
                        })),
                Route.of("GET", "/api/v1/usage/series", Access.MEMBER,
                        "My series from the rollups (?bucket=minute|hour|day&from=&to=&keyId=)",
                        ApiTypes.listOf(DashboardBucket.class), Problems.guarded(r -> {
                            PageQuery page = query(r);
                            Granularity bucket = Granularity.parse(page.param("bucket").orElse("hour"));
                            return ApiResponse.ok(reports.series(page, r.user().userId(), bucket,
                                    filter(r, page, bucket.defaultWindow())));
                        })),
                Route.of("GET", "/api/v1/usage/models", Access.MEMBER, "My usage per model (?from=&to=)",
                        ApiTypes.listOf(ModelUsage.class),
                        Problems.guarded(r -> ApiResponse.ok(reports.byModel(filter(r, query(r)))))));
    }

    private static PageQuery query(ApiRequest<?> request) {
        return PageQuery.parse(request.query(), UsageReports.SORTABLE, "createdAt,desc");
    }

    private UsageFilter filter(ApiRequest<?> request, PageQuery query) {
        return filter(request, query, RECORDS_WINDOW);
    }

    private UsageFilter filter(ApiRequest<?> request, PageQuery query, Duration window) {
        UsageFilter filter = UsageFilter.member(query, request.user().userId(), clock.instant(), window);
        if (Duration.between(filter.from(), filter.to()).compareTo(MAX_WINDOW) > 0) {
            throw Problems.badRequest("the time range is limited to 400 days");
        }
        return filter;
    }
}
