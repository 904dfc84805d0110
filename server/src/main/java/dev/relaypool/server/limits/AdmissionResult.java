package dev.relaypool.server.limits;

import dev.relaypool.server.gateway.Releasable;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** Whether a request may go ahead: admitted holding its concurrency slots, or refused with the limit that stopped it. */
public sealed interface AdmissionResult {

    /** Admitted; {@code leases} must be released exactly once when the request ends, on every path. */
    record Admitted(Releasable leases) implements AdmissionResult {
        public Admitted {
            Objects.requireNonNull(leases, "leases");
        }
    }

    /**
     * Refused. {@code message} is for the member: which limit, and when it resets. {@code retryAfter} is set when
     * waiting helps (rate and spending windows, concurrency, an outage).
     */
    record Refused(Reason reason, String message, Optional<Duration> retryAfter) implements AdmissionResult {
        public Refused {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(retryAfter, "retryAfter");
        }

        public int status() {
            return reason.status();
        }
    }

    /** Every reason a request is refused before scheduling, with its HTTP status. */
    enum Reason {
        KEY_EXPIRED(403),
        MODEL_NOT_PRICED(403),
        INSUFFICIENT_BALANCE(402),
        NO_SUBSCRIPTION(403),
        SUBSCRIPTION_LIMIT(429),
        KEY_QUOTA(429),
        KEY_SPENDING_LIMIT(429),
        RPM_LIMIT(429),
        TPM_LIMIT(429),
        CONCURRENCY_LIMIT(429),
        BILLING_UNAVAILABLE(503),
        LIMITS_UNAVAILABLE(503);

        private final int status;

        Reason(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }

        /** The machine-readable code, e.g. {@code insufficient_balance}. */
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
