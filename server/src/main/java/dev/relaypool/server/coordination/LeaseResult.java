package dev.relaypool.server.coordination;

import java.util.Objects;

/** Outcome of a waiting {@link Leases#acquire}. */
public sealed interface LeaseResult {

    record Acquired(Lease lease) implements LeaseResult {
        public Acquired {
            Objects.requireNonNull(lease, "lease");
        }
    }

    /** Too many callers already wait for this key; refused without waiting. */
    record QueueFull() implements LeaseResult {}

    /** No slot freed up within the allowed wait. */
    record TimedOut() implements LeaseResult {}
}
