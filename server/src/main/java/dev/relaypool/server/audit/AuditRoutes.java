package dev.relaypool.server.audit;

import static dev.relaypool.server.storage.schema.Tables.AUDIT_LOG;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.relaypool.model.admin.AuditEntry;
import dev.relaypool.model.api.Page;
import dev.relaypool.server.api.Access;
import dev.relaypool.server.api.ApiResponse;
import dev.relaypool.server.api.ApiTypes;
import dev.relaypool.server.api.Json;
import dev.relaypool.server.api.Route;
import dev.relaypool.server.members.PageQuery;
import dev.relaypool.server.members.Problems;
import dev.relaypool.server.storage.Database;
import dev.relaypool.server.storage.schema.tables.records.AuditLogRecord;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;

/** {@code GET /api/v1/admin/audit}: the audit log, newest first, filterable by actor, action, target and time. */
public final class AuditRoutes {
    private static final Map<String, Field<?>> SORTABLE = Map.of("createdAt", AUDIT_LOG.CREATED_AT,
            "action", AUDIT_LOG.ACTION, "actor", AUDIT_LOG.ACTOR);

    private AuditRoutes() {}

    public static List<Route<?>> routes(Database database) {
        return List.of(Route.of("GET", "/api/v1/admin/audit", Access.ADMIN,
                "Audit log (?action=&actor=&targetType=&targetId=&from=&to=&q=, paginated)",
                ApiTypes.pageOf(AuditEntry.class), Problems.guarded(request -> {
                    PageQuery page = PageQuery.parse(request.query(), SORTABLE, "createdAt,desc");
                    Condition where = filter(page);
                    long total = database.dsl().fetchCount(AUDIT_LOG, where);
                    List<AuditEntry> items = database.dsl().selectFrom(AUDIT_LOG).where(where)
                            .orderBy(page.order(), AUDIT_LOG.ID.desc()).limit(page.size()).offset(page.offset())
                            .fetch(AuditRoutes::entry);
                    return ApiResponse.ok(page.page(items, total));
                })));
    }

    private static Condition filter(PageQuery page) {
        Condition where = DSL.trueCondition();
        where = where.and(page.param("action").map(AUDIT_LOG.ACTION::eq).orElse(DSL.noCondition()));
        where = where.and(page.param("actor").map(AUDIT_LOG.ACTOR::containsIgnoreCase).orElse(DSL.noCondition()));
        where = where.and(page.param("targetType").map(AUDIT_LOG.TARGET_TYPE::eq).orElse(DSL.noCondition()));
        where = where.and(page.param("targetId").map(AUDIT_LOG.TARGET_ID::eq).orElse(DSL.noCondition()));
        where = where.and(page.timeParam("from").map(AUDIT_LOG.CREATED_AT::ge).orElse(DSL.noCondition()));
        where = where.and(page.timeParam("to").map(AUDIT_LOG.CREATED_AT::lt).orElse(DSL.noCondition()));
        return where.and(page.q().map(q -> AUDIT_LOG.ACTION.containsIgnoreCase(q)
                .or(AUDIT_LOG.ACTOR.containsIgnoreCase(q))).orElse(DSL.noCondition()));
    }

    private static AuditEntry entry(AuditLogRecord row) {
        Map<String, Object> detail;
        try {
            detail = Json.MAPPER.readValue(row.getDetail().data(), new TypeReference<>() {});
        } catch (Exception e) {
            detail = Map.of();
        }
        return new AuditEntry(row.getId(), row.getActorUserId(), row.getActor(), row.getAction(), row.getTargetType(),
                row.getTargetId(), detail, row.getIp(), row.getCreatedAt().toInstant());
    }
}
