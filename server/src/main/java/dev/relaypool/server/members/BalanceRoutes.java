package dev.relaypool.server.members;

import static dev.relaypool.server.storage.schema.Tables.BALANCE_LEDGER;
import static dev.relaypool.server.storage.schema.Tables.REDEEM_CODES;
import static dev.relaypool.server.storage.schema.Tables.USERS;

import dev.relaypool.model.member.BalanceView;
import dev.relaypool.model.member.RedeemRequest;
import dev.relaypool.model.member.RedeemResult;
import dev.relaypool.server.api.Access;
import dev.relaypool.server.api.ApiRequest;
import dev.relaypool.server.api.ApiResponse;
import dev.relaypool.server.api.Route;
import dev.relaypool.server.storage.Database;
import dev.relaypool.server.storage.schema.tables.records.RedeemCodesRecord;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * {@code GET /api/v1/balance} (balance and subscription progress) and {@code POST /api/v1/redeem}. Redeeming here is
 * the minimal form until billing's own redeem service lands: one conditional UPDATE claims the code (so a code is
 * used once however many race for it), then its value is applied in the same transaction.
 */
final class BalanceRoutes {
    private final Database database;
    private final Clock clock;

    BalanceRoutes(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    List<Route<?>> routes() {
        return List.of(
                Route.of("GET", "/api/v1/balance", Access.MEMBER, "My balance and subscription progress",
                        BalanceView.class, Problems.guarded(this::balance)),
                Route.of("POST", "/api/v1/redeem", Access.MEMBER, "Redeem a code", RedeemRequest.class,
                        RedeemResult.class, Problems.guarded(this::redeem)));
    }

    private ApiResponse balance(ApiRequest<Void> request) {
        long userId = request.user().userId();
        BigDecimal balance = database.dsl().select(USERS.BALANCE).from(USERS).where(USERS.ID.eq(userId))
                .fetchOptional(USERS.BALANCE).orElseThrow(() -> Problems.notFound("user"));
        return ApiResponse.ok(new BalanceView(balance,
                Subscriptions.progress(database.dsl(), userId, clock.instant())));
    }

    private ApiResponse redeem(ApiRequest<RedeemRequest> request) {
        long userId = request.user().userId();
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        RedeemResult result = database.transactionResult(tx -> {
            RedeemCodesRecord code = tx.update(REDEEM_CODES)
                    .set(REDEEM_CODES.STATUS, "used").set(REDEEM_CODES.USED_BY, userId).set(REDEEM_CODES.USED_AT, now)
                    .where(REDEEM_CODES.CODE.eq(request.body().code())).and(REDEEM_CODES.STATUS.eq("unused"))
                    .and(REDEEM_CODES.EXPIRES_AT.isNull().or(REDEEM_CODES.EXPIRES_AT.gt(now)))
                    .returning().fetchOptional()
                    .orElseThrow(() -> Problems.badRequest("the code is unknown, used, disabled or expired"));
            switch (code.getType()) {
                case "balance" -> {
                    BigDecimal after = tx.update(USERS).set(USERS.BALANCE, USERS.BALANCE.plus(code.getValue()))
                            .where(USERS.ID.eq(userId)).returning(USERS.BALANCE).fetchSingle(USERS.BALANCE);
                    tx.insertInto(BALANCE_LEDGER).set(BALANCE_LEDGER.USER_ID, userId)
                            .set(BALANCE_LEDGER.AMOUNT, code.getValue()).set(BALANCE_LEDGER.BALANCE_AFTER, after)
                            .set(BALANCE_LEDGER.REASON, "redeem").set(BALANCE_LEDGER.REF, "redeem:" + code.getId())
                            .execute();
                }
                case "subscription" -> Subscriptions.grant(tx, userId, code.getGroupId(), code.getValidityDays(),
                        now.toInstant());
                case "concurrency" -> tx.update(USERS).set(USERS.CONCURRENCY_LIMIT,
                                org.jooq.impl.DSL.coalesce(USERS.CONCURRENCY_LIMIT, 0).plus(code.getValue().intValue()))
                        .where(USERS.ID.eq(userId)).execute();
                default -> throw new IllegalStateException("redeem code of unknown type " + code.getType());
            }
            BigDecimal balance = tx.select(USERS.BALANCE).from(USERS).where(USERS.ID.eq(userId)).fetchSingle(USERS.BALANCE);
            return new RedeemResult(code.getType(), code.getValue(), balance);
        });
        return ApiResponse.ok(result);
    }
}
