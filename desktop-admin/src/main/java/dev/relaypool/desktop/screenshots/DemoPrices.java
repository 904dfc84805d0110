package dev.relaypool.desktop.screenshots;

import com.fasterxml.jackson.databind.JsonNode;
import dev.relaypool.desktop.api.ApiResult;
import dev.relaypool.desktop.api.ListQuery;
import dev.relaypool.desktop.api.PricesApi;
import dev.relaypool.desktop.api.SettingsApi;
import dev.relaypool.model.admin.CataloguePrice;
import dev.relaypool.model.admin.InvitationCodeView;
import dev.relaypool.model.admin.InvitationCreateRequest;
import dev.relaypool.model.admin.PriceCatalogueInfo;
import dev.relaypool.model.admin.PriceOverride;
import dev.relaypool.model.api.Page;
import dev.relaypool.model.auth.ServerSettings;
import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** The pretend server's price catalogue, overrides and settings. */
final class DemoPrices implements PricesApi {
    private final DemoResources demo;
    private String source = "bundled";

    DemoPrices(DemoResources demo) {
        this.demo = demo;
    }

    static void seed(DemoResources demo) {
        demo.catalogue.add(price("claude-opus-4-1", "15", "75", "18.75", "30", "1.5", null, null));
        demo.catalogue.add(price("claude-sonnet-4-5", "3", "15", "3.75", "6", "0.3", "6", "22.5"));
        demo.catalogue.add(price("claude-haiku-4-5", "1", "5", "1.25", "2", "0.1", null, null));
        demo.catalogue.add(price("gemini-2.5-pro", "1.25", "10", null, null, "0.31", "2.5", "15"));
        demo.catalogue.add(price("gemini-2.5-flash", "0.3", "2.5", null, null, "0.075", null, null));
        demo.catalogue.add(price("gpt-5", "1.25", "10", null, null, "0.125", null, null));
        demo.catalogue.add(price("gpt-5-mini", "0.25", "2", null, null, "0.025", null, null));
        demo.catalogue.add(price("o3", "2", "8", null, null, "0.5", null, null));
        demo.invitations.add(new InvitationCodeView(1, "INV-7QKM-2XRT-9HDP-4VWA", 5, 2, "active", null, "spring cohort",
                demo.clock.instant()));
        demo.invitations.add(new InvitationCodeView(2, "INV-N3CF-8ZBE-5MJT-6KQY", 1, 1, "disabled", null, "", demo.clock.instant()));
        demo.overrides.add(new PriceOverride("claude-haiku-4-5", new BigDecimal("0.8"), new BigDecimal("4"), null, null, null,
                null, null, null, demo.clock.instant()));
    }

    private static CataloguePrice price(String model, String in, String out, String w5, String w1, String read, String longIn, String longOut) {
        return new CataloguePrice(model, dec(in), dec(out), dec(w5), dec(w1), dec(read), longIn == null ? null : 200_000L,
                dec(longIn), dec(longOut), false);
    }

    private static BigDecimal dec(String text) {
        return text == null ? null : new BigDecimal(text);
    }

    @Override
    public ApiResult<PriceCatalogueInfo> info(URI server, String token) {
        return demo.ok(new PriceCatalogueInfo(source, source.equals("bundled") ? null : demo.clock.instant(),
                demo.catalogue.size(), List.copyOf(demo.overrides)));
    }

    @Override
    public ApiResult<Page<CataloguePrice>> models(URI server, String token, ListQuery query) {
        List<CataloguePrice> effective = demo.catalogue.stream().map(this::withOverride).toList();
        return demo.page(effective, query, p -> DemoResources.has(p.model(), query));
    }

    private CataloguePrice withOverride(CataloguePrice p) {
        return demo.overrides.stream().filter(o -> o.model().equals(p.model())).findFirst()
                .map(o -> new CataloguePrice(p.model(), pick(o.inputPerMtok(), p.inputPerMtok()), pick(o.outputPerMtok(), p.outputPerMtok()),
                        pick(o.cacheWrite5mPerMtok(), p.cacheWrite5mPerMtok()), pick(o.cacheWrite1hPerMtok(), p.cacheWrite1hPerMtok()),
                        pick(o.cacheReadPerMtok(), p.cacheReadPerMtok()), p.longContextThreshold(),
                        pick(o.inputAboveThresholdPerMtok(), p.inputAboveThresholdPerMtok()),
                        pick(o.outputAboveThresholdPerMtok(), p.outputAboveThresholdPerMtok()), true))
                .orElse(p);
    }

    private static BigDecimal pick(BigDecimal preferred, BigDecimal fallback) {
        return preferred != null ? preferred : fallback;
    }

    @Override
    public ApiResult<PriceOverride> saveOverride(URI server, String token, String model, PriceOverride price) {
        PriceOverride saved = new PriceOverride(model, price.inputPerMtok(), price.outputPerMtok(), price.cacheWrite5mPerMtok(),
                price.cacheWrite1hPerMtok(), price.cacheReadPerMtok(), price.longContextThreshold(),
                price.inputAboveThresholdPerMtok(), price.outputAboveThresholdPerMtok(), demo.clock.instant());
        demo.overrides.removeIf(o -> o.model().equals(model));
        demo.overrides.add(saved);
        return demo.ok(saved);
    }

    @Override
    public ApiResult<Void> removeOverride(URI server, String token, String model) {
        return demo.overrides.removeIf(o -> o.model().equals(model)) ? demo.ok(null)
                : new ApiResult.Failed<>(404, "no such price override");
    }

    /** Accepts a catalogue whose every entry has an input_cost_per_token, as the server's check would. */
    @Override
    public ApiResult<PriceCatalogueInfo> upload(URI server, String token, JsonNode catalogue, boolean replace) {
        demo.uploads.add(catalogue.toString());
        List<String> bad = new ArrayList<>();
        catalogue.properties().forEach(e -> {
            if (!e.getValue().path("input_cost_per_token").isNumber()) {
                bad.add(e.getKey() + ": input_cost_per_token must be a number");
            }
        });
        if (!bad.isEmpty()) {
            return new ApiResult.Failed<>(400, "catalogue refused: " + String.join("; ", bad));
        }
        if (replace) {
            demo.catalogue.clear();
        }
        catalogue.properties().forEach(e -> demo.catalogue.add(new CataloguePrice(e.getKey(),
                e.getValue().path("input_cost_per_token").decimalValue().movePointRight(6), null, null, null, null, null, null, null, false)));
        source = replace ? "upload:replace" : "upload:extend";
        return info(server, token);
    }

    static final class Settings implements SettingsApi {
        private final DemoResources demo;

        Settings(DemoResources demo) {
            this.demo = demo;
        }

        @Override
        public ApiResult<ServerSettings> get(URI server, String token) {
            return demo.ok(demo.settings);
        }

        @Override
        public ApiResult<ServerSettings> save(URI server, String token, ServerSettings settings) {
            demo.settings = settings;
            return demo.ok(settings);
        }

        @Override
        public ApiResult<Page<InvitationCodeView>> invitationCodes(URI server, String token, ListQuery query) {
            return demo.page(demo.invitations, query, c -> DemoResources.has(c.code() + " " + c.notes(), query)
                    && DemoResources.is(c.status(), query, "status"));
        }

        @Override
        public ApiResult<List<InvitationCodeView>> createInvitationCodes(URI server, String token, InvitationCreateRequest r) {
            List<InvitationCodeView> made = new ArrayList<>();
            for (int i = 0; i < r.count(); i++) {
                long id = demo.nextId();
                made.add(new InvitationCodeView(id, "INV-DEMO-%04d".formatted(id), r.maxUses(), 0, "active", r.expiresAt(),
                        r.notes(), demo.clock.instant()));
            }
            demo.invitations.addAll(made);
            return demo.ok(made);
        }

        @Override
        public ApiResult<InvitationCodeView> disableInvitationCode(URI server, String token, long id) {
            demo.invitations.replaceAll(c -> c.id() != id ? c : new InvitationCodeView(c.id(), c.code(), c.maxUses(),
                    c.usedCount(), "disabled", c.expiresAt(), c.notes(), c.createdAt()));
            return demo.ok(demo.invitations.stream().filter(c -> c.id() == id).findFirst().orElseThrow());
        }
    }
}
