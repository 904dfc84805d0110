package dev.relaypool.server.gateway;

import java.time.Duration;
import java.util.Objects;

/** What the scheduler answers for one attempt of a request. */
public sealed interface Selection {
    /** Use {@code account}, sending {@code upstreamModel} (the requested model or the account's mapping of it). */
    record Chosen(UpstreamAccount account, String upstreamModel, Releasable lease) implements Selection {
        public Chosen {
            Objects.requireNonNull(account, "account");
            Objects.requireNonNull(upstreamModel, "upstreamModel");
            Objects.requireNonNull(lease, "lease");
        }
    }

    /** No candidate left; {@code retryAfter} is {@link Duration#ZERO} when there is no useful hint. */
    record NoneAvailable(GatewayError reason, Duration retryAfter) implements Selection {
        public NoneAvailable {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(retryAfter, "retryAfter");
            if (retryAfter.isNegative()) {
                throw new IllegalArgumentException("retryAfter must not be negative");
            }
        }
    }
}
