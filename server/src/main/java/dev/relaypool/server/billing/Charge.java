package dev.relaypool.server.billing;

import dev.relaypool.server.usage.UsageRecord;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * One usage record priced for storage: {@code list} is the cost at list price (the stored buckets and total_cost),
 * {@code actual} what the member is charged (list × the effective multiplier, rounded once; zero when nothing is
 * charged), and whether the group bills a subscription rather than the balance.
 */
record Charge(UsageRecord record, Long accountId, Cost list, BigDecimal multiplier, BigDecimal actual,
              boolean subscription) {
    Charge {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(list, "list");
        Objects.requireNonNull(multiplier, "multiplier");
        Objects.requireNonNull(actual, "actual");
        if (actual.signum() < 0) {
            throw new IllegalArgumentException("a charge is never negative");
        }
    }

    boolean movesMoney() {
        return actual.signum() > 0;
    }
}
