package dev.relaypool.server.usage;

import static dev.relaypool.server.storage.schema.Tables.GROUPS;
import static dev.relaypool.server.storage.schema.Tables.USAGE_LOG;

import dev.relaypool.server.storage.Database;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.List;
import org.jooq.impl.DSL;

/**
 * Writes usage rows without moving money (idempotent per request id). Used until the billing writer that also
 * charges is wired; then it remains the writer of simple mode's "record, charge nothing".
 */
public final class UsageRowsWriter {
    private final Database database;

    public UsageRowsWriter(Database database) {
        this.database = database;
    }

    public void write(List<UsageRecord> batch) {
        database.transaction(db -> {
            for (UsageRecord r : batch) {
                TokenUsage t = r.tokens();
                db.insertInto(USAGE_LOG)
                        .set(USAGE_LOG.REQUEST_ID, r.requestId())
                        .set(USAGE_LOG.USER_ID, r.userId())
                        .set(USAGE_LOG.API_KEY_ID, r.apiKeyId())
                        .set(USAGE_LOG.GROUP_ID, r.groupId())
                        .set(USAGE_LOG.ACCOUNT_ID, r.accountId())
                        .set(USAGE_LOG.PLATFORM, r.platform().wireName())
                        .set(USAGE_LOG.ENDPOINT, r.endpoint())
                        .set(USAGE_LOG.REQUESTED_MODEL, r.requestedModel())
                        .set(USAGE_LOG.UPSTREAM_MODEL, r.upstreamModel())
                        .set(USAGE_LOG.STREAM, r.stream())
                        .set(USAGE_LOG.STATUS_CODE, r.statusCode())
                        .set(USAGE_LOG.INPUT_TOKENS, t.inputTokens())
                        .set(USAGE_LOG.OUTPUT_TOKENS, t.outputTokens())
                        .set(USAGE_LOG.CACHE_WRITE_5M_TOKENS, t.cacheWrite5mTokens())
                        .set(USAGE_LOG.CACHE_WRITE_1H_TOKENS, t.cacheWrite1hTokens())
                        .set(USAGE_LOG.CACHE_READ_TOKENS, t.cacheReadTokens())
                        .set(USAGE_LOG.INPUT_COST, BigDecimal.ZERO)
                        .set(USAGE_LOG.OUTPUT_COST, BigDecimal.ZERO)
                        .set(USAGE_LOG.CACHE_WRITE_5M_COST, BigDecimal.ZERO)
                        .set(USAGE_LOG.CACHE_WRITE_1H_COST, BigDecimal.ZERO)
                        .set(USAGE_LOG.CACHE_READ_COST, BigDecimal.ZERO)
                        .set(USAGE_LOG.TOTAL_COST, BigDecimal.ZERO)
                        .set(USAGE_LOG.ACTUAL_COST, BigDecimal.ZERO)
                        .set(USAGE_LOG.RATE_MULTIPLIER, BigDecimal.ONE)
                        .set(USAGE_LOG.BILLING_TYPE, DSL.select(GROUPS.BILLING_TYPE).from(GROUPS)
                                .where(GROUPS.ID.eq(r.groupId())).<String>asField())
                        .set(USAGE_LOG.DURATION_MS, r.durationMillis())
                        .set(USAGE_LOG.FIRST_TOKEN_MS, r.firstTokenMillis())
                        .set(USAGE_LOG.ERROR_CLASS, r.errorClass())
                        .set(USAGE_LOG.CLIENT_IP, r.clientIp())
                        .set(USAGE_LOG.USER_AGENT, r.userAgent())
                        .set(USAGE_LOG.CREATED_AT, r.createdAt().atOffset(ZoneOffset.UTC))
                        .onConflict(USAGE_LOG.REQUEST_ID).doNothing()
                        .execute();
            }
        });
    }
}
