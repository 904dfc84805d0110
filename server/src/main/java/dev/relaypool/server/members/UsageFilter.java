package dev.relaypool.server.members;

import static dev.relaypool.server.storage.schema.Tables.USAGE_LOG;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.impl.DSL;

/**
 * Which usage_log rows a report covers: {@code from}/{@code to} (ISO instants; default the last {@code window}),
 * then {@code userId}, {@code keyId}, {@code accountId}, {@code groupId}, {@code model} (requested model) and
 * {@code status} ({@code success}, {@code error} or a code). A member's filter is pinned to their own user id
 * whatever the query says.
 */
public record UsageFilter(OffsetDateTime from, OffsetDateTime to, Condition condition) {

    /** The admin's filter: every parameter honoured. */
    public static UsageFilter admin(PageQuery query, Instant now, Duration window) {
        return of(query, now, window, query.longParam("userId"), true);
    }

    /** A member's filter: only their rows, and no account filter (accounts are not theirs to see). */
    public static UsageFilter member(PageQuery query, long userId, Instant now, Duration window) {
        return of(query, now, window, Optional.of(userId), false);
    }

    private static UsageFilter of(PageQuery query, Instant now, Duration window, Optional<Long> userId,
                                  boolean admin) {
        OffsetDateTime to = query.timeParam("to").orElse(now.atOffset(ZoneOffset.UTC));
        OffsetDateTime from = query.timeParam("from").orElse(to.minus(window));
        if (!from.isBefore(to)) {
            throw Problems.badRequest("from must be before to");
        }
        Condition where = USAGE_LOG.CREATED_AT.ge(from).and(USAGE_LOG.CREATED_AT.lt(to));
        where = where.and(userId.map(USAGE_LOG.USER_ID::eq).orElse(DSL.noCondition()));
        where = where.and(query.longParam("keyId").map(USAGE_LOG.API_KEY_ID::eq).orElse(DSL.noCondition()));
        where = where.and(query.longParam("groupId").map(USAGE_LOG.GROUP_ID::eq).orElse(DSL.noCondition()));
        if (admin) {
            where = where.and(query.longParam("accountId").map(USAGE_LOG.ACCOUNT_ID::eq).orElse(DSL.noCondition()));
        }
        where = where.and(query.param("model").map(USAGE_LOG.REQUESTED_MODEL::eq).orElse(DSL.noCondition()));
        where = where.and(query.param("status").map(UsageFilter::status).orElse(DSL.noCondition()));
        return new UsageFilter(from, to, where);
    }

    private static Condition status(String status) {
        return switch (status) {
            case "success" -> USAGE_LOG.STATUS_CODE.between(200, 299);
            case "error" -> USAGE_LOG.STATUS_CODE.ge(400);
            default -> {
                try {
                    yield USAGE_LOG.STATUS_CODE.eq(Integer.parseInt(status));
                } catch (NumberFormatException e) {
                    throw Problems.badRequest("status must be success, error or an HTTP status code");
                }
            }
        };
    }
}
