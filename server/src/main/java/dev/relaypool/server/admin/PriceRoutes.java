package dev.relaypool.server.admin;

import static dev.relaypool.server.storage.schema.Tables.PRICE_CATALOGUES;
import static dev.relaypool.server.storage.schema.Tables.PRICE_OVERRIDES;

import com.fasterxml.jackson.databind.JsonNode;
import dev.relaypool.model.Platform;
import dev.relaypool.model.admin.CataloguePrice;
import dev.relaypool.model.admin.PriceCatalogueInfo;
import dev.relaypool.model.admin.PriceOverride;
import dev.relaypool.server.api.Access;
import dev.relaypool.server.api.ApiRequest;
import dev.relaypool.server.api.ApiResponse;
import dev.relaypool.server.api.Route;
import dev.relaypool.server.audit.Audit;
import dev.relaypool.server.api.ApiTypes;
import dev.relaypool.server.billing.BucketPrices;
import dev.relaypool.server.billing.CatalogueParse;
import dev.relaypool.server.billing.ModelPrice;
import dev.relaypool.server.billing.Pricing;
import dev.relaypool.server.billing.PriceBook;
import dev.relaypool.server.billing.PriceCatalogue;
import dev.relaypool.server.members.PageQuery;
import dev.relaypool.server.members.Problems;
import dev.relaypool.server.storage.schema.tables.records.PriceOverridesRecord;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.jooq.JSONB;
import org.jooq.impl.DSL;

/**
 * {@code /api/v1/admin/prices}: the catalogue in force, an operator upload of a catalogue (LiteLLM format; replace or
 * extend the bundled one) and per-model overrides. Every write is stored, then {@link PriceBook#changed()} puts it in
 * force here and on the other nodes, so the next request is priced with it.
 */
final class PriceRoutes {
    private static final String BASE = "/api/v1/admin/prices";
    private final AdminContext ctx;

    PriceRoutes(AdminContext ctx) {
        this.ctx = ctx;
    }

    List<Route<?>> routes() {
        return List.of(
                Route.of("GET", BASE, Access.ADMIN, "The price catalogue in force and the overrides",
                        PriceCatalogueInfo.class, Problems.guarded(r -> ApiResponse.ok(info()))),
                Route.of("POST", BASE + "/catalogue", Access.ADMIN,
                        "Upload a price catalogue (LiteLLM JSON; ?mode=replace|extend the bundled one, default extend)",
                        JsonNode.class, PriceCatalogueInfo.class, Problems.guarded(this::upload)),
                Route.of("GET", BASE + "/models", Access.ADMIN,
                        "Model prices in force, USD per million tokens (?q=, paginated, sorted by model)",
                        ApiTypes.pageOf(CataloguePrice.class), Problems.guarded(this::models)),
                Route.of("PUT", BASE + "/{model}", Access.ADMIN, "Set a model's override (USD per million tokens)",
                        PriceOverride.class, PriceOverride.class, Problems.guarded(this::put)),
                Route.of("DELETE", BASE + "/{model}", Access.ADMIN, "Remove a model's override", Void.class,
                        Problems.guarded(this::delete)));
    }

    private PriceCatalogueInfo info() {
        var latest = ctx.database().dsl().select(PRICE_CATALOGUES.SOURCE, PRICE_CATALOGUES.LOADED_AT,
                        DSL.field("(select count(*) from jsonb_object_keys({0}))", Integer.class, PRICE_CATALOGUES.CONTENT))
                .from(PRICE_CATALOGUES).orderBy(PRICE_CATALOGUES.LOADED_AT.desc()).limit(1).fetchOptional();
        List<PriceOverride> overrides = ctx.database().dsl().selectFrom(PRICE_OVERRIDES).orderBy(PRICE_OVERRIDES.MODEL)
                .fetch(PriceRoutes::view);
        return latest.map(r -> new PriceCatalogueInfo(r.value1(), r.value2().toInstant(), ctx.prices().get().catalogue().size(), overrides))
                .orElseGet(() -> new PriceCatalogueInfo("bundled", null, ctx.prices().get().catalogue().size(), overrides));
    }

    private ApiResponse models(ApiRequest<Void> request) {
        PageQuery page = PageQuery.parse(request.query(), Map.of("model", DSL.field("model")), "model,asc");
        Pricing pricing = ctx.prices().get();
        java.util.TreeSet<String> names = new java.util.TreeSet<>(pricing.catalogue().models());
        names.addAll(pricing.overrides().keySet());
        String q = page.q().map(text -> text.toLowerCase(java.util.Locale.ROOT)).orElse("");
        List<String> found = names.stream().filter(name -> name.toLowerCase(java.util.Locale.ROOT).contains(q)).toList();
        List<String> ordered = page.order().getOrder() == org.jooq.SortOrder.DESC ? found.reversed() : found;
        List<CataloguePrice> items = ordered.stream().skip(page.offset()).limit(page.size())
                .map(name -> price(pricing, name)).toList();
        return ApiResponse.ok(page.page(items, found.size()));
    }

    private static CataloguePrice price(Pricing pricing, String model) {
        ModelPrice listed = pricing.catalogue().find(model, Platform.ANTHROPIC).orElse(null);
        ModelPrice override = pricing.overrides().get(model);
        ModelPrice effective = override == null ? listed : listed == null ? override : listed.overriddenBy(override);
        BucketPrices standard = effective == null ? BucketPrices.NONE : effective.standard();
        BucketPrices longContext = effective == null ? BucketPrices.NONE : effective.longContext();
        return new CataloguePrice(model, perMillion(standard.input()), perMillion(standard.output()),
                perMillion(standard.cacheWrite5m()), perMillion(standard.cacheWrite1h()), perMillion(standard.cacheRead()),
                longContext.isEmpty() ? null : ModelPrice.LONG_CONTEXT_THRESHOLD, perMillion(longContext.input()),
                perMillion(longContext.output()), override != null);
    }

    private static BigDecimal perMillion(BigDecimal perToken) {
        return perToken == null ? null : perToken.movePointRight(6).stripTrailingZeros();
    }

    private ApiResponse upload(ApiRequest<JsonNode> request) {
        String mode = request.queryParameter("mode").orElse("extend");
        String source = switch (mode) {
            case "replace" -> PriceBook.REPLACE;
            case "extend" -> PriceBook.EXTEND;
            default -> throw Problems.badRequest("mode must be replace or extend");
        };
        String json = request.body().toString();
        int models = switch (PriceCatalogue.parse(json)) {
            case CatalogueParse.Valid valid -> valid.catalogue().size();
            case CatalogueParse.Invalid invalid -> throw Problems.badRequest("catalogue refused: " + invalid.message());
        };
        ctx.database().transaction(tx -> {
            tx.insertInto(PRICE_CATALOGUES).set(PRICE_CATALOGUES.SOURCE, source)
                    .set(PRICE_CATALOGUES.CONTENT, JSONB.valueOf(json))
                    .set(PRICE_CATALOGUES.LOADED_AT, ctx.clock().instant().atOffset(java.time.ZoneOffset.UTC)).execute();
            Audit.record(tx, request, "price.catalogue_uploaded", "price", null, Map.of("mode", mode, "models", models));
        });
        ctx.prices().changed();
        return ApiResponse.ok(info());
    }

    private ApiResponse put(ApiRequest<PriceOverride> request) {
        String model = request.pathParameter("model");
        PriceOverride p = request.body();
        PriceOverride saved = ctx.database().transactionResult(tx -> {
            PriceOverridesRecord row = tx.newRecord(PRICE_OVERRIDES);
            row.setModel(model);
            row.setInputPerMtok(p.inputPerMtok());
            row.setOutputPerMtok(p.outputPerMtok());
            row.setCacheWrite_5mPerMtok(p.cacheWrite5mPerMtok());
            row.setCacheWrite_1hPerMtok(p.cacheWrite1hPerMtok());
            row.setCacheReadPerMtok(p.cacheReadPerMtok());
            row.setLongContextThreshold(p.longContextThreshold());
            row.setInputAboveThresholdPerMtok(p.inputAboveThresholdPerMtok());
            row.setOutputAboveThresholdPerMtok(p.outputAboveThresholdPerMtok());
            row.setUpdatedAt(ctx.clock().instant().atOffset(java.time.ZoneOffset.UTC));
            tx.insertInto(PRICE_OVERRIDES).set(row).onConflict(PRICE_OVERRIDES.MODEL).doUpdate().set(row).execute();
            Audit.record(tx, request, "price.override_set", "price", model, Audit.change(p));
            return view(row);
        });
        ctx.prices().changed();
        return ApiResponse.ok(saved);
    }

    private ApiResponse delete(ApiRequest<Void> request) {
        String model = request.pathParameter("model");
        ctx.database().transaction(tx -> {
            if (tx.deleteFrom(PRICE_OVERRIDES).where(PRICE_OVERRIDES.MODEL.eq(model)).execute() == 0) {
                throw Problems.notFound("price override");
            }
            Audit.record(tx, request, "price.override_deleted", "price", model, Map.of());
        });
        ctx.prices().changed();
        return ApiResponse.noContent();
    }

    private static PriceOverride view(PriceOverridesRecord r) {
        return new PriceOverride(r.getModel(), r.getInputPerMtok(), r.getOutputPerMtok(), r.getCacheWrite_5mPerMtok(),
                r.getCacheWrite_1hPerMtok(), r.getCacheReadPerMtok(), r.getLongContextThreshold(),
                r.getInputAboveThresholdPerMtok(), r.getOutputAboveThresholdPerMtok(), UserStore.instant(r.getUpdatedAt()));
    }
}
