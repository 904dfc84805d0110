package dev.relaypool.server.redeem;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A batch of codes to generate. {@code value} is USD for balance codes and slots (a whole number) for concurrency
 * codes; subscription codes grant {@code validityDays} days in {@code groupId} (their value is 1).
 */
public record NewBatch(CodeType type, BigDecimal value, Long groupId, Integer validityDays, int count,
                       Optional<Instant> expiresAt, String notes) {
    public static final int MAX_COUNT = 10_000;

    public NewBatch {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(expiresAt, "expiresAt");
        notes = notes == null ? "" : notes;
        if (count < 1 || count > MAX_COUNT) {
            throw new IllegalArgumentException("count must be 1.." + MAX_COUNT);
        }
        switch (type) {
            case BALANCE -> requirePositive(value);
            case CONCURRENCY -> {
                requirePositive(value);
                if (value.stripTrailingZeros().scale() > 0) {
                    throw new IllegalArgumentException("concurrency codes grant whole slots");
                }
            }
            case SUBSCRIPTION -> {
                if (groupId == null || validityDays == null || validityDays < 1) {
                    throw new IllegalArgumentException("subscription codes need a group and at least one day");
                }
                value = BigDecimal.ONE;
            }
        }
    }

    public static NewBatch balance(BigDecimal usd, int count) {
        return new NewBatch(CodeType.BALANCE, usd, null, null, count, Optional.empty(), "");
    }

    public static NewBatch subscription(long groupId, int days, int count) {
        return new NewBatch(CodeType.SUBSCRIPTION, BigDecimal.ONE, groupId, days, count, Optional.empty(), "");
    }

    public static NewBatch concurrency(int slots, int count) {
        return new NewBatch(CodeType.CONCURRENCY, BigDecimal.valueOf(slots), null, null, count, Optional.empty(), "");
    }

    public NewBatch expiringAt(Instant instant) {
        return new NewBatch(type, value, groupId, validityDays, count, Optional.of(instant), notes);
    }

    private static void requirePositive(BigDecimal value) {
        if (value == null || value.signum() <= 0) {
            throw new IllegalArgumentException("value must be positive");
        }
    }
}
