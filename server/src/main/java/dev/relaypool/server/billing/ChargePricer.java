package dev.relaypool.server.billing;

import dev.relaypool.server.config.RelaypoolConfig;
import dev.relaypool.server.usage.TokenUsage;
import dev.relaypool.server.usage.UsageRecord;
import java.math.BigDecimal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prices one usage record: by the upstream model (what the provider actually ran and billed), else by the
 * requested one with the unpriced-model policy applied. Unanswered requests cost nothing; in simple mode the cost is
 * recorded but the charge is zero.
 */
final class ChargePricer {
    private static final Logger log = LoggerFactory.getLogger(ChargePricer.class);
    private static final Cost ZERO = CostCalculator.cost(UnitPrices.flatPerMillion(BigDecimal.ZERO), false,
            TokenUsage.NONE, Multipliers.NONE);

    private final CostCalculator calculator;
    private final boolean simple;

    ChargePricer(CostCalculator calculator, RelaypoolConfig.BillingMode mode) {
        this.calculator = calculator;
        this.simple = mode == RelaypoolConfig.BillingMode.SIMPLE;
    }

    Charge price(UsageRecord record, SettlementLookups lookups) {
        Multipliers multipliers = lookups.multipliers(record);
        boolean subscription = lookups.group(record).subscription();
        Long account = lookups.account(record);
        if (!record.answered()) {
            return new Charge(record, account, ZERO, multipliers.effective(), BigDecimal.ZERO, subscription);
        }
        PriceQuote list = quote(record, Multipliers.NONE);
        PriceQuote charged = quote(record, multipliers);
        if (!(list instanceof PriceQuote.Priced(Cost listCost)) || !(charged instanceof PriceQuote.Priced(Cost cost))) {
            log.warn("request {}: model {} has no price; recorded without charge", record.requestId(), model(record));
            return new Charge(record, account, ZERO, multipliers.effective(), BigDecimal.ZERO, subscription);
        }
        return new Charge(record, account, listCost, multipliers.effective(), simple ? BigDecimal.ZERO : cost.total(),
                subscription);
    }

    private PriceQuote quote(UsageRecord record, Multipliers multipliers) {
        if (record.upstreamModel() != null) {
            PriceQuote upstream = calculator.quote(record.upstreamModel(), record.platform(), record.tokens(), multipliers);
            if (upstream instanceof PriceQuote.Priced) {
                return upstream;
            }
        }
        return calculator.charge(model(record), record.platform(), record.tokens(), multipliers);
    }

    private static String model(UsageRecord record) {
        return record.requestedModel() != null ? record.requestedModel()
                : record.upstreamModel() != null ? record.upstreamModel() : "";
    }
}
