package dev.relaypool.server.billing;

import static dev.relaypool.server.storage.schema.Tables.USAGE_LOG;

import dev.relaypool.server.config.RelaypoolConfig;
import dev.relaypool.server.storage.Database;
import dev.relaypool.server.storage.schema.tables.records.UsageLogRecord;
import dev.relaypool.server.usage.UsageRecord;
import dev.relaypool.server.usage.rollup.RollupWriter;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.InsertSetMoreStep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL {@link BatchWriter}: one transaction per batch that inserts the usage rows with
 * {@code ON CONFLICT (request_id) DO NOTHING} and moves money only for the rows that insert actually wrote. A
 * request id seen before (a replay, a sweep, a retried batch) therefore writes nothing and charges nothing, and
 * a failure anywhere rolls the whole batch back for the queue to retry. The rows written are added to the usage
 * rollups in the same transaction, so the dashboards' series count exactly what usage_log holds.
 */
public final class PostgresBatchWriter implements BatchWriter {
    private static final Logger log = LoggerFactory.getLogger(PostgresBatchWriter.class);

    private final Database database;
    private final ChargePricer pricer;
    private final Clock clock;

    public PostgresBatchWriter(Database database, CostCalculator calculator, RelaypoolConfig.BillingMode mode,
                               Clock clock) {
        this.database = database;
        this.pricer = new ChargePricer(calculator, mode);
        this.clock = clock;
    }

    @Override
    public void write(List<UsageRecord> batch) {
        if (batch.isEmpty()) {
            return;
        }
        Map<String, UsageRecord> unique = new LinkedHashMap<>(); // a sweep may queue one record twice in one batch
        for (UsageRecord record : batch) {
            unique.putIfAbsent(record.requestId(), record);
        }
        database.transaction(db -> write(db, List.copyOf(unique.values())));
    }

    private void write(DSLContext db, List<UsageRecord> records) {
        SettlementLookups lookups = SettlementLookups.load(db, records);
        List<Charge> charges = new ArrayList<>(records.size());
        for (UsageRecord record : records) {
            if (lookups.storable(record)) {
                charges.add(pricer.price(record, lookups));
            } else {
                // the key or group was deleted after the request: nothing left to bill or to attach the row to
                log.warn("usage of request {} dropped: key {} or group {} no longer exists", record.requestId(),
                        record.apiKeyId(), record.groupId());
            }
        }
        if (charges.isEmpty()) {
            return;
        }
        Map<String, Long> inserted = insert(db, charges);
        List<Charge> fresh = charges.stream().filter(c -> inserted.containsKey(c.record().requestId())).toList();
        new MoneyMoves(db, clock.instant()).apply(fresh);
        RollupWriter.add(db, inserted.values());
        if (fresh.size() < charges.size()) {
            log.debug("{} of {} usage records were already settled", charges.size() - fresh.size(), charges.size());
        }
    }

    /** Inserts every row in one statement; returns the request ids that were new, with their usage_log ids. */
    private static Map<String, Long> insert(DSLContext db, List<Charge> charges) {
        InsertSetMoreStep<UsageLogRecord> insert = null;
        for (Charge charge : charges) {
            UsageLogRecord row = row(db, charge);
            insert = insert == null ? db.insertInto(USAGE_LOG).set(row) : insert.newRecord().set(row);
        }
        return insert.onConflict(USAGE_LOG.REQUEST_ID).doNothing()
                .returning(USAGE_LOG.REQUEST_ID, USAGE_LOG.ID).fetchMap(USAGE_LOG.REQUEST_ID, USAGE_LOG.ID);
    }

    private static UsageLogRecord row(DSLContext db, Charge charge) {
        UsageRecord r = charge.record();
        Cost list = charge.list();
        UsageLogRecord row = db.newRecord(USAGE_LOG);
        row.setRequestId(r.requestId());
        row.setUserId(r.userId());
        row.setApiKeyId(r.apiKeyId());
        row.setGroupId(r.groupId());
        row.setAccountId(charge.accountId());
        row.setPlatform(r.platform().wireName());
        row.setEndpoint(r.endpoint());
        row.setRequestedModel(r.requestedModel());
        row.setUpstreamModel(r.upstreamModel());
        row.setStream(r.stream());
        row.setStatusCode(r.statusCode());
        row.setInputTokens(r.tokens().inputTokens());
        row.setOutputTokens(r.tokens().outputTokens());
        row.setCacheWrite_5mTokens(r.tokens().cacheWrite5mTokens());
        row.setCacheWrite_1hTokens(r.tokens().cacheWrite1hTokens());
        row.setCacheReadTokens(r.tokens().cacheReadTokens());
        row.setInputCost(list.input());
        row.setOutputCost(list.output());
        row.setCacheWrite_5mCost(list.cacheWrite5m());
        row.setCacheWrite_1hCost(list.cacheWrite1h());
        row.setCacheReadCost(list.cacheRead());
        row.setTotalCost(list.total());
        row.setActualCost(charge.actual());
        row.setRateMultiplier(charge.multiplier());
        row.setBillingType(charge.subscription() ? "subscription" : "balance");
        row.setDurationMs(r.durationMillis());
        row.setFirstTokenMs(r.firstTokenMillis());
        row.setErrorClass(r.errorClass());
        row.setClientIp(r.clientIp());
        row.setUserAgent(r.userAgent());
        row.setCreatedAt(r.createdAt().atOffset(ZoneOffset.UTC));
        return row;
    }
}
