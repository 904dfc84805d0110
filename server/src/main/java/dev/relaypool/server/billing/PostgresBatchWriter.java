package dev.relaypool.server.billing;

import dev.relaypool.server.config.RelaypoolConfig;
import dev.relaypool.server.storage.Database;
import dev.relaypool.server.storage.UnnestInsert;
import dev.relaypool.server.usage.UsageRecord;
import dev.relaypool.server.usage.rollup.RollupWriter;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
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

    /** The usage_log columns a settlement writes, with the SQL type each column's array is cast to. */
    private static final List<Map.Entry<String, String>> COLUMNS = List.of(
            Map.entry("request_id", "text"), Map.entry("user_id", "bigint"), Map.entry("api_key_id", "bigint"),
            Map.entry("group_id", "bigint"), Map.entry("account_id", "bigint"), Map.entry("platform", "text"),
            Map.entry("endpoint", "text"), Map.entry("requested_model", "text"), Map.entry("upstream_model", "text"),
            Map.entry("stream", "boolean"), Map.entry("status_code", "integer"), Map.entry("input_tokens", "bigint"),
            Map.entry("output_tokens", "bigint"), Map.entry("cache_write_5m_tokens", "bigint"),
            Map.entry("cache_write_1h_tokens", "bigint"), Map.entry("cache_read_tokens", "bigint"),
            Map.entry("input_cost", "numeric"), Map.entry("output_cost", "numeric"),
            Map.entry("cache_write_5m_cost", "numeric"), Map.entry("cache_write_1h_cost", "numeric"),
            Map.entry("cache_read_cost", "numeric"), Map.entry("total_cost", "numeric"),
            Map.entry("actual_cost", "numeric"), Map.entry("rate_multiplier", "numeric"),
            Map.entry("billing_type", "text"), Map.entry("duration_ms", "bigint"), Map.entry("first_token_ms", "bigint"),
            Map.entry("error_class", "text"), Map.entry("client_ip", "text"), Map.entry("user_agent", "text"),
            Map.entry("created_at", "timestamptz"));

    private static final UnnestInsert INSERT = new UnnestInsert("usage_log", COLUMNS,
            "ON CONFLICT (request_id) DO NOTHING RETURNING request_id, id");

    /** Inserts every row in one statement; returns the request ids that were new, with their usage_log ids. */
    private static Map<String, Long> insert(DSLContext db, List<Charge> charges) {
        return INSERT.query(db, charges.stream().map(PostgresBatchWriter::row).toList(), rows -> {
            Map<String, Long> inserted = new HashMap<>();
            while (rows.next()) {
                inserted.put(rows.getString(1), rows.getLong(2));
            }
            return inserted;
        });
    }

    /** One row's values, in {@link #COLUMNS} order, as text (null stays null). */
    private static String[] row(Charge charge) {
        UsageRecord r = charge.record();
        Cost list = charge.list();
        return new String[] {
                r.requestId(), Long.toString(r.userId()), Long.toString(r.apiKeyId()), Long.toString(r.groupId()),
                text(charge.accountId()), r.platform().wireName(), r.endpoint(), r.requestedModel(), r.upstreamModel(),
                Boolean.toString(r.stream()), Integer.toString(r.statusCode()),
                Long.toString(r.tokens().inputTokens()), Long.toString(r.tokens().outputTokens()),
                Long.toString(r.tokens().cacheWrite5mTokens()), Long.toString(r.tokens().cacheWrite1hTokens()),
                Long.toString(r.tokens().cacheReadTokens()),
                money(list.input()), money(list.output()), money(list.cacheWrite5m()), money(list.cacheWrite1h()),
                money(list.cacheRead()), money(list.total()), money(charge.actual()), money(charge.multiplier()),
                charge.subscription() ? "subscription" : "balance", Long.toString(r.durationMillis()),
                text(r.firstTokenMillis()), r.errorClass(), r.clientIp(), r.userAgent(),
                UnnestInsert.timestamptz(r.createdAt())};
    }

    private static String text(Long value) {
        return value == null ? null : value.toString();
    }

    private static String money(BigDecimal value) {
        return value.toPlainString();
    }
}
