package dev.relaypool.server.gateway;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The gateway's hook for billing and limits: called once per forwarded request after authentication and after the
 * body names the model, before an account is chosen. May block (a concurrency wait) on the request's virtual thread.
 * The slots of an admitted request are released by the gateway in a finally block, whatever happens.
 */
@FunctionalInterface
public interface Admission {
    /** Admits everything: no billing, no limits. */
    Admission OPEN = (key, model) -> new Verdict.Admitted(Releasable.NONE);

    Verdict admit(KeyContext key, String model);

    sealed interface Verdict {
        record Admitted(Releasable leases) implements Verdict {
            public Admitted {
                Objects.requireNonNull(leases, "leases");
            }
        }

        /** Rendered in the caller's protocol; {@code retryAfter} becomes a Retry-After header for retryable errors. */
        record Refused(GatewayError error, String message, Optional<Duration> retryAfter) implements Verdict {
            public Refused {
                Objects.requireNonNull(error, "error");
                Objects.requireNonNull(message, "message");
                Objects.requireNonNull(retryAfter, "retryAfter");
            }
        }
    }
}
