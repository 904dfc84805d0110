package dev.relaypool.server.billing;

import dev.relaypool.model.Platform;
import dev.relaypool.server.config.RelaypoolConfig;
import dev.relaypool.server.usage.TokenUsage;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Turns tokens into money: Σ bucket tokens × unit price, × the effective multiplier ({@link Multipliers}: a
 * member's own multiplier replaces the group's), computed exactly and rounded once at the end.
 *
 * <p>Rounding: every product and sum is exact BigDecimal arithmetic; the results are rounded to
 * {@value #STORAGE_SCALE} decimal places, the scale of the {@code NUMERIC(20,10)} money columns, with
 * {@link RoundingMode#HALF_EVEN} (banker's rounding), which has no upward bias across millions of small charges.
 * Catalogue prices times whole tokens are exact well within that scale; only fractional multipliers can round.
 *
 * <p>Long context: when the prompt ({@link TokenUsage#promptTokens()}) exceeds
 * {@link ModelPrice#LONG_CONTEXT_THRESHOLD} and the model has a long-context tier, that tier prices every bucket,
 * output included, as the providers bill it.
 */
public final class CostCalculator {
    public static final int STORAGE_SCALE = 10;
    public static final RoundingMode ROUNDING = RoundingMode.HALF_EVEN;

    private final Supplier<Pricing> pricing;
    private final RelaypoolConfig.Billing billing;

    /** {@code pricing} is read on every call, so an admin change applies to the next request. */
    public CostCalculator(Supplier<Pricing> pricing, RelaypoolConfig.Billing billing) {
        this.pricing = Objects.requireNonNull(pricing, "pricing");
        this.billing = Objects.requireNonNull(billing, "billing");
    }

    /** The cost at the model's own price, or {@link PriceQuote.Unpriced} when nothing prices it. */
    public PriceQuote quote(String model, Platform platform, TokenUsage tokens, Multipliers multipliers) {
        return pricing.get().find(model, platform)
                .<PriceQuote>map(price -> new PriceQuote.Priced(cost(price, tokens, multipliers)))
                .orElseGet(() -> new PriceQuote.Unpriced(model));
    }

    /**
     * The quote with the configured unpriced-model policy applied: with {@code unpriced-model = default} an
     * unpriced model is billed at {@code default-price-per-million} for every bucket; with {@code refuse} it stays
     * {@link PriceQuote.Unpriced} (admission should have refused it, see {@link #admits}).
     */
    public PriceQuote charge(String model, Platform platform, TokenUsage tokens, Multipliers multipliers) {
        PriceQuote quote = quote(model, platform, tokens, multipliers);
        return switch (quote) {
            case PriceQuote.Priced priced -> priced;
            case PriceQuote.Unpriced unpriced -> billing.unpricedModel() == RelaypoolConfig.UnpricedModel.DEFAULT
                    ? new PriceQuote.Priced(atDefaultPrice(tokens, multipliers)) : unpriced;
        };
    }

    /** Whether a request for {@code model} may be served at all: priced, or unpriced models are billed by default. */
    public boolean admits(String model, Platform platform) {
        return billing.unpricedModel() == RelaypoolConfig.UnpricedModel.DEFAULT
                || pricing.get().find(model, platform).isPresent();
    }

    public Cost atDefaultPrice(TokenUsage tokens, Multipliers multipliers) {
        return cost(UnitPrices.flatPerMillion(billing.defaultPricePerMillion()), false, tokens, multipliers);
    }

    static Cost cost(ModelPrice price, TokenUsage tokens, Multipliers multipliers) {
        boolean longContext = price.hasLongContextTier() && tokens.promptTokens() > ModelPrice.LONG_CONTEXT_THRESHOLD;
        return cost(price.unitPrices(longContext), longContext, tokens, multipliers);
    }

    /** The pure calculation; public so reports and tests can price hypothetical usage. */
    public static Cost cost(UnitPrices prices, boolean longContext, TokenUsage tokens, Multipliers multipliers) {
        BigDecimal input = times(tokens.inputTokens(), prices.input());
        BigDecimal output = times(tokens.outputTokens(), prices.output());
        BigDecimal write5m = times(tokens.cacheWrite5mTokens(), prices.cacheWrite5m());
        BigDecimal write1h = times(tokens.cacheWrite1hTokens(), prices.cacheWrite1h());
        BigDecimal read = times(tokens.cacheReadTokens(), prices.cacheRead());
        BigDecimal list = input.add(output).add(write5m).add(write1h).add(read); // exact
        BigDecimal m = multipliers.effective();
        return new Cost(
                round(input.multiply(m)), round(output.multiply(m)), round(write5m.multiply(m)),
                round(write1h.multiply(m)), round(read.multiply(m)),
                round(list), m, round(list.multiply(m)), longContext);
    }

    private static BigDecimal times(long tokens, BigDecimal unitPrice) {
        return unitPrice.multiply(BigDecimal.valueOf(tokens));
    }

    /** The single rounding step: to the storage scale, half-even. */
    public static BigDecimal round(BigDecimal exact) {
        return exact.setScale(STORAGE_SCALE, ROUNDING);
    }
}
