package dev.relaypool.server.admin;

import static dev.relaypool.server.storage.schema.Tables.REDEEM_CODES;

import dev.relaypool.model.admin.RedeemBatch;
import dev.relaypool.model.admin.RedeemCodeView;
import dev.relaypool.model.admin.RedeemGenerateRequest;
import dev.relaypool.server.api.Access;
import dev.relaypool.server.api.ApiRequest;
import dev.relaypool.server.api.ApiResponse;
import dev.relaypool.server.api.ApiTypes;
import dev.relaypool.server.api.Route;
import dev.relaypool.server.audit.Audit;
import dev.relaypool.server.members.PageQuery;
import dev.relaypool.server.members.Problems;
import dev.relaypool.server.storage.schema.tables.records.RedeemCodesRecord;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * {@code /api/v1/admin/redeem-codes}: list, generate a batch, disable, export a batch as CSV. Minimal until the
 * billing branch's redeem service lands (it may take these routes over).
 */
final class RedeemCodeRoutes {
    private static final String BASE = "/api/v1/admin/redeem-codes";
    private static final Map<String, Field<?>> SORTABLE = Map.of("id", REDEEM_CODES.ID, "createdAt", REDEEM_CODES.CREATED_AT,
            "status", REDEEM_CODES.STATUS, "usedAt", REDEEM_CODES.USED_AT);
    private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
    private final AdminContext ctx;
    private final SecureRandom random = new SecureRandom();

    RedeemCodeRoutes(AdminContext ctx) {
        this.ctx = ctx;
    }

    List<Route<?>> routes() {
        return List.of(
                Route.of("GET", BASE, Access.ADMIN, "Redeem codes (?status=&type=&batchId=&q=, paginated)",
                        ApiTypes.pageOf(RedeemCodeView.class), Problems.guarded(this::list)),
                Route.of("POST", BASE, Access.ADMIN, "Generate a batch of codes", RedeemGenerateRequest.class,
                        RedeemBatch.class, Problems.guarded(this::generate)),
                Route.of("POST", BASE + "/{id}/disable", Access.ADMIN, "Disable an unused code", RedeemCodeView.class,
                        Problems.guarded(this::disable)),
                Route.of("GET", BASE + "/export", Access.ADMIN, "Codes as CSV (text/csv; same filters as the list)",
                        String.class, Problems.guarded(this::export)));
    }

    private Condition filter(PageQuery page) {
        return DSL.and(page.param("status").map(REDEEM_CODES.STATUS::eq).orElse(DSL.noCondition()),
                page.param("type").map(REDEEM_CODES.TYPE::eq).orElse(DSL.noCondition()),
                page.param("batchId").map(REDEEM_CODES.BATCH_ID::eq).orElse(DSL.noCondition()),
                page.q().map(q -> REDEEM_CODES.CODE.containsIgnoreCase(q).or(REDEEM_CODES.NOTES.containsIgnoreCase(q)))
                        .orElse(DSL.noCondition()));
    }

    private ApiResponse list(ApiRequest<Void> request) {
        PageQuery page = PageQuery.parse(request.query(), SORTABLE, "id,desc");
        Condition where = filter(page);
        long total = ctx.database().dsl().fetchCount(REDEEM_CODES, where);
        return ApiResponse.ok(page.page(ctx.database().dsl().selectFrom(REDEEM_CODES).where(where)
                .orderBy(page.order(), REDEEM_CODES.ID).limit(page.size()).offset(page.offset())
                .fetch(RedeemCodeRoutes::view), total));
    }

    private ApiResponse generate(ApiRequest<RedeemGenerateRequest> request) {
        RedeemGenerateRequest body = request.body();
        String batch = UUID.randomUUID().toString();
        List<RedeemCodeView> codes = ctx.database().transactionResult(tx -> {
            List<RedeemCodeView> made = new ArrayList<>();
            for (int i = 0; i < body.count(); i++) {
                made.add(view(tx.insertInto(REDEEM_CODES).set(REDEEM_CODES.CODE, newCode())
                        .set(REDEEM_CODES.TYPE, body.type()).set(REDEEM_CODES.VALUE, body.value())
                        .set(REDEEM_CODES.GROUP_ID, body.groupId()).set(REDEEM_CODES.VALIDITY_DAYS, body.validityDays())
                        .set(REDEEM_CODES.EXPIRES_AT, UserStore.at(body.expiresAt()))
                        .set(REDEEM_CODES.BATCH_ID, batch).set(REDEEM_CODES.NOTES, body.notes())
                        .returning().fetchSingle()));
            }
            Audit.record(tx, request, "redeem_codes.generated", "redeem_batch", batch, Audit.change(body));
            return made;
        });
        return ApiResponse.created(new RedeemBatch(batch, codes));
    }

    private ApiResponse disable(ApiRequest<Void> request) {
        long id = Problems.id(request, "id");
        RedeemCodeView code = ctx.database().transactionResult(tx -> {
            RedeemCodesRecord row = tx.update(REDEEM_CODES).set(REDEEM_CODES.STATUS, "disabled")
                    .where(REDEEM_CODES.ID.eq(id)).and(REDEEM_CODES.STATUS.eq("unused")).returning().fetchOptional()
                    .orElseThrow(() -> tx.fetchExists(REDEEM_CODES, REDEEM_CODES.ID.eq(id))
                            ? Problems.conflict("only an unused code can be disabled") : Problems.notFound("redeem code"));
            Audit.record(tx, request, "redeem_code.disabled", "redeem_code", id, Map.of());
            return view(row);
        });
        return ApiResponse.ok(code);
    }

    private ApiResponse export(ApiRequest<Void> request) {
        PageQuery page = PageQuery.parse(request.query(), SORTABLE, "id,asc");
        Condition where = filter(page);
        ctx.database().transaction(tx -> Audit.record(tx, request, "redeem_codes.exported", "redeem_code", null,
                Map.of("filter", request.query())));
        return ApiResponse.streamed("text/csv; charset=utf-8", out -> {
            Writer csv = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8);
            csv.write("code,type,value,group_id,validity_days,status,expires_at,batch_id,notes\n");
            for (RedeemCodesRecord r : ctx.database().dsl().selectFrom(REDEEM_CODES).where(where)
                    .orderBy(page.order(), REDEEM_CODES.ID).limit(100_000).fetch()) {
                csv.write(Csv.row(r.getCode(), r.getType(), r.getValue().toPlainString(), r.getGroupId(),
                        r.getValidityDays(), r.getStatus(), r.getExpiresAt(), r.getBatchId(), r.getNotes()));
            }
            csv.flush();
        }).withHeader("Content-Disposition", "attachment; filename=\"redeem-codes.csv\"");
    }

    private String newCode() {
        StringBuilder code = new StringBuilder("RP-");
        for (int i = 0; i < 16; i++) {
            code.append(ALPHABET[random.nextInt(ALPHABET.length)]);
            if (i % 4 == 3 && i < 15) {
                code.append('-');
            }
        }
        return code.toString();
    }

    private static RedeemCodeView view(RedeemCodesRecord r) {
        return new RedeemCodeView(r.getId(), r.getCode(), r.getType(), r.getValue(), r.getGroupId(), r.getValidityDays(),
                r.getStatus(), r.getUsedBy(), UserStore.instant(r.getUsedAt()), UserStore.instant(r.getExpiresAt()),
                r.getBatchId(), r.getNotes(), UserStore.instant(r.getCreatedAt()));
    }
}
