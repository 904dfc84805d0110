package dev.relaypool.server.admin;

import static dev.relaypool.server.storage.schema.Tables.GROUPS;
import static dev.relaypool.server.storage.schema.Tables.USERS;
import static dev.relaypool.server.storage.schema.Tables.USER_SUBSCRIPTIONS;

import dev.relaypool.model.admin.SubscriptionAssignRequest;
import dev.relaypool.model.admin.SubscriptionExtendRequest;
import dev.relaypool.model.admin.SubscriptionView;
import dev.relaypool.model.member.SubscriptionProgress;
import dev.relaypool.server.api.Access;
import dev.relaypool.server.api.ApiRequest;
import dev.relaypool.server.api.ApiResponse;
import dev.relaypool.server.api.ApiTypes;
import dev.relaypool.server.api.Route;
import dev.relaypool.server.audit.Audit;
import dev.relaypool.server.members.PageQuery;
import dev.relaypool.server.members.Problems;
import dev.relaypool.server.members.Subscriptions;
import dev.relaypool.server.storage.schema.tables.records.UserSubscriptionsRecord;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;

/** {@code /api/v1/admin/subscriptions}: assign (or extend) a user's subscription to a group, extend, revoke. */
final class SubscriptionRoutes {
    private static final String BASE = "/api/v1/admin/subscriptions";
    private static final Map<String, Field<?>> SORTABLE = Map.of("id", USER_SUBSCRIPTIONS.ID,
            "expiresAt", USER_SUBSCRIPTIONS.EXPIRES_AT, "createdAt", USER_SUBSCRIPTIONS.CREATED_AT);
    private final AdminContext ctx;

    SubscriptionRoutes(AdminContext ctx) {
        this.ctx = ctx;
    }

    List<Route<?>> routes() {
        return List.of(
                Route.of("GET", BASE, Access.ADMIN, "Subscriptions (?userId=&groupId=&status=&q= user e-mail, paginated)",
                        ApiTypes.pageOf(SubscriptionView.class), Problems.guarded(this::list)),
                Route.of("POST", BASE, Access.ADMIN, "Give a user days of a subscription group (extends an active one)",
                        SubscriptionAssignRequest.class, SubscriptionView.class, Problems.guarded(this::assign)),
                Route.of("POST", BASE + "/{id}/extend", Access.ADMIN, "Move a subscription's end by some days",
                        SubscriptionExtendRequest.class, SubscriptionView.class, Problems.guarded(this::extend)),
                Route.of("POST", BASE + "/{id}/revoke", Access.ADMIN, "Cancel a subscription now",
                        SubscriptionView.class, Problems.guarded(this::revoke)),
                Route.of("GET", BASE + "/{id}/progress", Access.ADMIN,
                        "Spend in the daily/weekly/monthly windows against the group's limits, with reset times",
                        SubscriptionProgress.class, Problems.guarded(r -> ApiResponse.ok(Subscriptions.progressOf(
                                ctx.database().dsl(), Problems.id(r, "id"), ctx.clock().instant())
                                .orElseThrow(() -> Problems.notFound("subscription"))))));
    }

    private ApiResponse list(ApiRequest<Void> request) {
        PageQuery page = PageQuery.parse(request.query(), SORTABLE, "id,desc");
        Condition where = DSL.and(page.longParam("userId").map(USER_SUBSCRIPTIONS.USER_ID::eq).orElse(DSL.noCondition()),
                page.longParam("groupId").map(USER_SUBSCRIPTIONS.GROUP_ID::eq).orElse(DSL.noCondition()),
                page.param("status").map(USER_SUBSCRIPTIONS.STATUS::eq).orElse(DSL.noCondition()),
                page.likePattern().map(like -> USER_SUBSCRIPTIONS.USER_ID.in(DSL.select(USERS.ID).from(USERS)
                        .where(USERS.EMAIL.likeIgnoreCase(like, '\\')))).orElse(DSL.noCondition()));
        long total = ctx.database().dsl().fetchCount(USER_SUBSCRIPTIONS, where);
        return ApiResponse.ok(page.page(ctx.database().dsl().select(USER_SUBSCRIPTIONS.asterisk(), GROUPS.NAME)
                .from(USER_SUBSCRIPTIONS).join(GROUPS).on(GROUPS.ID.eq(USER_SUBSCRIPTIONS.GROUP_ID)).where(where)
                .orderBy(page.order(), USER_SUBSCRIPTIONS.ID).limit(page.size()).offset(page.offset())
                .fetch(SubscriptionRoutes::view), total));
    }

    private ApiResponse assign(ApiRequest<SubscriptionAssignRequest> request) {
        SubscriptionAssignRequest body = request.body();
        long id = ctx.database().transactionResult(tx -> {
            if (!tx.fetchExists(USERS, USERS.ID.eq(body.userId()))) {
                throw Problems.badRequest("no such user");
            }
            UserSubscriptionsRecord row = Subscriptions.grant(tx, body.userId(), body.groupId(), body.days(),
                    ctx.clock().instant());
            Audit.record(tx, request, "subscription.assigned", "subscription", row.getId(), Audit.change(body));
            return row.getId();
        });
        ctx.keys().invalidateAll();
        return ApiResponse.ok(find(id));
    }

    private ApiResponse extend(ApiRequest<SubscriptionExtendRequest> request) {
        long id = Problems.id(request, "id");
        ctx.database().transaction(tx -> {
            UserSubscriptionsRecord row = lock(tx, id);
            OffsetDateTime end = row.getExpiresAt().plusDays(request.body().days());
            if (!end.isAfter(row.getStartsAt())) {
                throw Problems.badRequest("that would end the subscription before it starts");
            }
            row.setExpiresAt(end);
            row.setUpdatedAt(now());
            row.store();
            Audit.record(tx, request, "subscription.extended", "subscription", id, Audit.change(request.body()));
        });
        return ApiResponse.ok(find(id));
    }

    private ApiResponse revoke(ApiRequest<Void> request) {
        long id = Problems.id(request, "id");
        ctx.database().transaction(tx -> {
            UserSubscriptionsRecord row = lock(tx, id);
            if (!row.getStatus().equals("active")) {
                throw Problems.conflict("the subscription is not active");
            }
            row.setStatus("cancelled");
            row.setUpdatedAt(now());
            row.store();
            Audit.record(tx, request, "subscription.revoked", "subscription", id, Map.of());
        });
        ctx.keys().invalidateAll();
        return ApiResponse.ok(find(id));
    }

    private static UserSubscriptionsRecord lock(org.jooq.DSLContext tx, long id) {
        return tx.selectFrom(USER_SUBSCRIPTIONS).where(USER_SUBSCRIPTIONS.ID.eq(id)).forUpdate().fetchOptional()
                .orElseThrow(() -> Problems.notFound("subscription"));
    }

    private SubscriptionView find(long id) {
        return ctx.database().dsl().select(USER_SUBSCRIPTIONS.asterisk(), GROUPS.NAME).from(USER_SUBSCRIPTIONS)
                .join(GROUPS).on(GROUPS.ID.eq(USER_SUBSCRIPTIONS.GROUP_ID)).where(USER_SUBSCRIPTIONS.ID.eq(id))
                .fetchOptional(SubscriptionRoutes::view).orElseThrow(() -> Problems.notFound("subscription"));
    }

    private OffsetDateTime now() {
        return ctx.clock().instant().atOffset(ZoneOffset.UTC);
    }

    private static SubscriptionView view(Record r) {
        return new SubscriptionView(r.get(USER_SUBSCRIPTIONS.ID), r.get(USER_SUBSCRIPTIONS.USER_ID),
                r.get(USER_SUBSCRIPTIONS.GROUP_ID), r.get(GROUPS.NAME), r.get(USER_SUBSCRIPTIONS.STARTS_AT).toInstant(),
                r.get(USER_SUBSCRIPTIONS.EXPIRES_AT).toInstant(), r.get(USER_SUBSCRIPTIONS.STATUS),
                r.get(USER_SUBSCRIPTIONS.DAILY_USAGE_USD), r.get(USER_SUBSCRIPTIONS.WEEKLY_USAGE_USD),
                r.get(USER_SUBSCRIPTIONS.MONTHLY_USAGE_USD), r.get(USER_SUBSCRIPTIONS.CREATED_AT).toInstant());
    }
}
