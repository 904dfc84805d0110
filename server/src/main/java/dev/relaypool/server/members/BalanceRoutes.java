package dev.relaypool.server.members;

import static dev.relaypool.server.storage.schema.Tables.REDEEM_CODES;
import static dev.relaypool.server.storage.schema.Tables.USERS;

import dev.relaypool.model.member.BalanceView;
import dev.relaypool.model.member.RedeemRequest;
import dev.relaypool.model.member.RedeemResult;
import dev.relaypool.server.api.Access;
import dev.relaypool.server.api.ApiRequest;
import dev.relaypool.server.api.ApiResponse;
import dev.relaypool.server.api.Route;
import dev.relaypool.server.redeem.RedeemCodes;
import dev.relaypool.server.storage.Database;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

/**
 * {@code GET /api/v1/balance} (balance and subscription progress) and {@code POST /api/v1/redeem}, which hands the code
 * to {@link RedeemCodes} (a code is used once however many race for it). A code that does not exist is 404; one that
 * was used, disabled, has expired or cannot be applied any more is 409 with the reason: the code exists but its state
 * conflicts with redeeming it (410 would suggest the resource was removed, and the shared error codes have no 410).
 */
final class BalanceRoutes {
    private final Database database;
    private final RedeemCodes codes;
    private final Clock clock;

    BalanceRoutes(Database database, RedeemCodes codes, Clock clock) {
        this.database = database;
        this.codes = codes;
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
        return switch (codes.redeem(userId, request.body().code())) {
            case dev.relaypool.server.redeem.RedeemResult.Redeemed redeemed -> ApiResponse.ok(
                    new RedeemResult(redeemed.type().wireName(), valueOf(request.body().code(), userId), balanceOf(userId)));
            case dev.relaypool.server.redeem.RedeemResult.NotFound notFound -> throw Problems.notFound("redeem code");
            case dev.relaypool.server.redeem.RedeemResult.AlreadyUsed used ->
                    throw Problems.conflict("the code was already used at " + used.usedAt());
            case dev.relaypool.server.redeem.RedeemResult.Expired expired ->
                    throw Problems.conflict("the code expired at " + expired.expiredAt());
            case dev.relaypool.server.redeem.RedeemResult.Disabled disabled ->
                    throw Problems.conflict("the code has been disabled");
            case dev.relaypool.server.redeem.RedeemResult.Unusable unusable -> throw Problems.conflict(unusable.reason());
        };
    }

    /** What the redeemed code granted (USD, slots or 1 for a subscription), for the response record. */
    private BigDecimal valueOf(String code, long userId) {
        return database.dsl().select(REDEEM_CODES.VALUE).from(REDEEM_CODES)
                .where(REDEEM_CODES.CODE.eq(code.strip().toUpperCase(Locale.ROOT)), REDEEM_CODES.USED_BY.eq(userId))
                .fetchSingle(REDEEM_CODES.VALUE);
    }

    private BigDecimal balanceOf(long userId) {
        return database.dsl().select(USERS.BALANCE).from(USERS).where(USERS.ID.eq(userId)).fetchSingle(USERS.BALANCE);
    }
}
