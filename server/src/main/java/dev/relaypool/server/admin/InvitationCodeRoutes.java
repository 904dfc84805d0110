package dev.relaypool.server.admin;

import static dev.relaypool.server.storage.schema.Tables.INVITATION_CODES;

import dev.relaypool.model.admin.InvitationCodeView;
import dev.relaypool.model.admin.InvitationCreateRequest;
import dev.relaypool.server.api.Access;
import dev.relaypool.server.api.ApiRequest;
import dev.relaypool.server.api.ApiResponse;
import dev.relaypool.server.api.ApiTypes;
import dev.relaypool.server.api.Principal;
import dev.relaypool.server.api.Route;
import dev.relaypool.server.audit.Audit;
import dev.relaypool.server.members.PageQuery;
import dev.relaypool.server.members.Problems;
import dev.relaypool.server.storage.schema.tables.records.InvitationCodesRecord;
import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * {@code /api/v1/admin/invitation-codes}: the codes sign-up asks for when the registration setting is
 * {@code invitation} (checked and counted by {@link dev.relaypool.server.auth.Registration}): list, create, disable.
 */
final class InvitationCodeRoutes {
    private static final String BASE = "/api/v1/admin/invitation-codes";
    private static final Map<String, Field<?>> SORTABLE = Map.of("id", INVITATION_CODES.ID,
            "createdAt", INVITATION_CODES.CREATED_AT, "status", INVITATION_CODES.STATUS, "expiresAt", INVITATION_CODES.EXPIRES_AT);
    private static final char[] ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private final AdminContext ctx;
    private final SecureRandom random = new SecureRandom();

    InvitationCodeRoutes(AdminContext ctx) {
        this.ctx = ctx;
    }

    List<Route<?>> routes() {
        return List.of(
                Route.of("GET", BASE, Access.ADMIN, "Invitation codes (?status=&q=, paginated)",
                        ApiTypes.pageOf(InvitationCodeView.class), Problems.guarded(this::list)),
                Route.of("POST", BASE, Access.ADMIN, "Create invitation codes", InvitationCreateRequest.class,
                        ApiTypes.listOf(InvitationCodeView.class), Problems.guarded(this::create)),
                Route.of("POST", BASE + "/{id}/disable", Access.ADMIN, "Disable an invitation code",
                        InvitationCodeView.class, Problems.guarded(this::disable)));
    }

    private ApiResponse list(ApiRequest<Void> request) {
        PageQuery page = PageQuery.parse(request.query(), SORTABLE, "id,desc");
        Condition where = DSL.and(page.param("status").map(INVITATION_CODES.STATUS::eq).orElse(DSL.noCondition()),
                page.likePattern().map(like -> INVITATION_CODES.CODE.likeIgnoreCase(like, '\\')
                        .or(INVITATION_CODES.NOTES.likeIgnoreCase(like, '\\'))).orElse(DSL.noCondition()));
        long total = ctx.database().dsl().fetchCount(INVITATION_CODES, where);
        return ApiResponse.ok(page.page(ctx.database().dsl().selectFrom(INVITATION_CODES).where(where)
                .orderBy(page.order(), INVITATION_CODES.ID).limit(page.size()).offset(page.offset())
                .fetch(InvitationCodeRoutes::view), total));
    }

    private ApiResponse create(ApiRequest<InvitationCreateRequest> request) {
        InvitationCreateRequest body = request.body();
        Long createdBy = request.principal().orElseThrow() instanceof Principal.User user ? user.userId() : null; // null: an API key
        List<InvitationCodeView> made = ctx.database().transactionResult(tx -> {
            List<InvitationCodeView> codes = new ArrayList<>();
            for (int i = 0; i < body.count(); i++) {
                codes.add(view(tx.insertInto(INVITATION_CODES).set(INVITATION_CODES.CODE, code())
                        .set(INVITATION_CODES.CREATED_BY, createdBy)
                        .set(INVITATION_CODES.MAX_USES, body.maxUses())
                        .set(INVITATION_CODES.EXPIRES_AT, body.expiresAt() == null ? null : body.expiresAt().atOffset(ZoneOffset.UTC))
                        .set(INVITATION_CODES.NOTES, body.notes()).returning().fetchSingle()));
            }
            Audit.record(tx, request, "invitation_codes.created", "invitation_code", null,
                    Map.of("count", body.count(), "maxUses", body.maxUses()));
            return codes;
        });
        return ApiResponse.created(made);
    }

    private ApiResponse disable(ApiRequest<Void> request) {
        long id = Problems.id(request, "id");
        InvitationCodeView code = ctx.database().transactionResult(tx -> {
            InvitationCodesRecord row = tx.update(INVITATION_CODES).set(INVITATION_CODES.STATUS, "disabled")
                    .where(INVITATION_CODES.ID.eq(id)).returning().fetchOptional()
                    .orElseThrow(() -> Problems.notFound("invitation code"));
            Audit.record(tx, request, "invitation_code.disabled", "invitation_code", id, Map.of());
            return view(row);
        });
        return ApiResponse.ok(code);
    }

    /** 16 characters without look-alikes (no 0/O, 1/I/L), grouped by four: about 78 random bits. */
    private String code() {
        StringBuilder code = new StringBuilder("INV");
        for (int i = 0; i < 16; i++) {
            code.append(i % 4 == 0 ? '-' : "").append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return code.toString();
    }

    private static InvitationCodeView view(InvitationCodesRecord r) {
        return new InvitationCodeView(r.getId(), r.getCode(), r.getMaxUses(), r.getUsedCount(), r.getStatus(),
                UserStore.instant(r.getExpiresAt()), r.getNotes(), UserStore.instant(r.getCreatedAt()));
    }
}
