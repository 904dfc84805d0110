package dev.relaypool.server.billing;

import java.util.Objects;

/** The cost of a request, or the fact that its model has no price (the caller refuses or applies the default). */
public sealed interface PriceQuote {
    record Priced(Cost cost) implements PriceQuote {
        public Priced {
            Objects.requireNonNull(cost, "cost");
        }
    }

    record Unpriced(String model) implements PriceQuote {
        public Unpriced {
            Objects.requireNonNull(model, "model");
        }
    }
}
