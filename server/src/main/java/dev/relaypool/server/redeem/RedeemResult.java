package dev.relaypool.server.redeem;

import java.time.Instant;
import java.util.Objects;

/** The outcome of presenting a redeem code; only {@link Redeemed} changed anything. */
public sealed interface RedeemResult {
    /** {@code detail} says what the member now has, e.g. "Your balance is now $25.00." */
    record Redeemed(CodeType type, String detail) implements RedeemResult {
        public Redeemed {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(detail, "detail");
        }
    }

    record NotFound() implements RedeemResult {}

    record AlreadyUsed(Instant usedAt) implements RedeemResult {}

    record Expired(Instant expiredAt) implements RedeemResult {}

    record Disabled() implements RedeemResult {}

    /** The code is valid but cannot be applied (its group was deleted); it stays unused. */
    record Unusable(String reason) implements RedeemResult {}
}
