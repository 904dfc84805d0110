package dev.relaypool.bench.jmh;

import dev.relaypool.model.Platform;
import dev.relaypool.server.billing.CostCalculator;
import dev.relaypool.server.billing.Multipliers;
import dev.relaypool.server.billing.PriceCatalogue;
import dev.relaypool.server.billing.PriceQuote;
import dev.relaypool.server.billing.Pricing;
import dev.relaypool.server.config.RelaypoolConfig;
import dev.relaypool.server.usage.TokenUsage;
import java.math.BigDecimal;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Pricing one answer from the bundled catalogue: lookup, every token bucket, both multipliers, exact decimals. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class CostBenchmark {
    private CostCalculator calculator;
    private final TokenUsage tokens = new TokenUsage(1_200, 480, 2_000, 0, 35_000);
    private final Multipliers multipliers = new Multipliers(new BigDecimal("1.5"), new BigDecimal("0.8"));

    @Setup
    public void setUp() {
        Pricing pricing = Pricing.of(PriceCatalogue.bundled());
        calculator = new CostCalculator(() -> pricing, new RelaypoolConfig.Billing(RelaypoolConfig.BillingMode.STANDARD,
                true, RelaypoolConfig.UnpricedModel.REFUSE, BigDecimal.ZERO));
    }

    @Benchmark
    public PriceQuote chargeClaudeAnswer() {
        return calculator.charge("claude-sonnet-4-5", Platform.ANTHROPIC, tokens, multipliers);
    }

    @Benchmark
    public PriceQuote chargeDatedOpenAiAnswer() {
        return calculator.charge("gpt-4o-2024-08-06", Platform.OPENAI, tokens, multipliers);
    }
}
