package dev.relaypool.server.billing;

import static dev.relaypool.server.storage.schema.Tables.PRICE_CATALOGUES;
import static dev.relaypool.server.storage.schema.Tables.PRICE_OVERRIDES;

import dev.relaypool.server.coordination.Broadcasts;
import dev.relaypool.server.storage.Database;
import dev.relaypool.server.storage.schema.tables.records.PriceOverridesRecord;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Pricing} in force on this node: the bundled catalogue, replaced or extended by the operator's newest
 * upload ({@code price_catalogues}), plus the overrides of {@code price_overrides}. Read lock-free on the hot path
 * (one volatile read); rebuilt at start, after every admin write ({@link #changed}) and when another node says so.
 *
 * <p>Only the newest upload counts: an "extend" upload extends the bundled catalogue, not earlier uploads.
 * Overrides are stored per million tokens (as operators state prices) and converted here to per token, exactly.
 */
public final class PriceBook implements Supplier<Pricing>, AutoCloseable {
    /** {@code price_catalogues.source} of an upload, by mode. */
    public static final String REPLACE = "upload:replace";
    public static final String EXTEND = "upload:extend";
    private static final Logger log = LoggerFactory.getLogger(PriceBook.class);
    private static final String TOPIC = "prices.changed";

    private final Database database;
    private final PriceCatalogue bundled;
    private final Broadcasts broadcasts;
    private final String node = UUID.randomUUID().toString();
    private final Broadcasts.Subscription subscription;
    private volatile Pricing current;

    public PriceBook(Database database, PriceCatalogue bundled, Broadcasts broadcasts) {
        this.database = Objects.requireNonNull(database, "database");
        this.bundled = Objects.requireNonNull(bundled, "bundled");
        this.broadcasts = Objects.requireNonNull(broadcasts, "broadcasts");
        reload();
        // listeners must be quick: the reload (two queries) runs on its own virtual thread
        this.subscription = broadcasts.subscribe(TOPIC, sender -> {
            if (!node.equals(sender)) {
                Thread.ofVirtual().name("prices-reload").start(this::reloadQuietly);
            }
        });
    }

    @Override
    public Pricing get() {
        return current;
    }

    /** After an admin write: rebuild here, then tell the other nodes. */
    public void changed() {
        reload();
        try {
            broadcasts.publish(TOPIC, node);
        } catch (RuntimeException e) {
            log.warn("Could not tell other nodes that prices changed: {}", e.toString());
        }
    }

    public void reload() {
        current = database.transactionResult(db -> new Pricing(catalogue(db), overrides(db)));
    }

    private void reloadQuietly() {
        try {
            reload();
        } catch (RuntimeException e) {
            log.warn("Reloading prices failed; the previous prices stay in force: {}", e.toString());
        }
    }

    private PriceCatalogue catalogue(DSLContext db) {
        var latest = db.select(PRICE_CATALOGUES.SOURCE, PRICE_CATALOGUES.CONTENT).from(PRICE_CATALOGUES)
                .where(PRICE_CATALOGUES.SOURCE.in(REPLACE, EXTEND))
                .orderBy(PRICE_CATALOGUES.LOADED_AT.desc(), PRICE_CATALOGUES.ID.desc()).limit(1).fetchOptional();
        if (latest.isEmpty()) {
            return bundled;
        }
        return switch (PriceCatalogue.parse(latest.get().value2().data())) {
            case CatalogueParse.Valid valid -> REPLACE.equals(latest.get().value1())
                    ? bundled.replace(valid.catalogue()) : bundled.merge(valid.catalogue());
            case CatalogueParse.Invalid invalid -> {
                // uploads are validated before they are stored, so this is a hand-edited row
                log.error("Stored price catalogue is invalid, using the bundled one: {}", invalid.message());
                yield bundled;
            }
        };
    }

    private static Map<String, ModelPrice> overrides(DSLContext db) {
        Map<String, ModelPrice> overrides = new HashMap<>();
        for (PriceOverridesRecord r : db.selectFrom(PRICE_OVERRIDES).fetch()) {
            overrides.put(r.getModel(), new ModelPrice(
                    new BucketPrices(perToken(r.getInputPerMtok()), perToken(r.getOutputPerMtok()),
                            perToken(r.getCacheWrite_5mPerMtok()), perToken(r.getCacheWrite_1hPerMtok()),
                            perToken(r.getCacheReadPerMtok())),
                    new BucketPrices(perToken(r.getInputAboveThresholdPerMtok()),
                            perToken(r.getOutputAboveThresholdPerMtok()), null, null, null)));
        }
        return overrides;
    }

    /** USD per million tokens → USD per token; moving the point is exact. */
    static BigDecimal perToken(BigDecimal perMillion) {
        return perMillion == null ? null : perMillion.movePointLeft(6);
    }

    @Override
    public void close() {
        subscription.close();
    }
}
