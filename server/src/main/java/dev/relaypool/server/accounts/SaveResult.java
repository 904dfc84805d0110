package dev.relaypool.server.accounts;

import java.util.Objects;

/** The outcome of creating or editing an account or a proxy: saved, or refused with a reason for the operator. */
public sealed interface SaveResult {
    record Saved(long id) implements SaveResult {}

    record Refused(String reason) implements SaveResult {
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The id, for callers whose input is trusted (seeding, tests); a refusal is then a bug. */
    default long orThrow() {
        return switch (this) {
            case Saved saved -> saved.id();
            case Refused refused -> throw new IllegalArgumentException(refused.reason());
        };
    }
}
