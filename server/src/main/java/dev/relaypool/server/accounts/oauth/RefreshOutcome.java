package dev.relaypool.server.accounts.oauth;

import java.time.Instant;
import java.util.Objects;

/** What one refresh attempt of one account came to. */
public sealed interface RefreshOutcome {
    /** New tokens are stored; {@code expiresAt} null when the provider gave no lifetime. */
    record Refreshed(long accountId, Instant expiresAt) implements RefreshOutcome {}

    /** Nothing to do: another node holds the account's refresh lock or already refreshed, or it is no active OAuth account. */
    record Skipped(long accountId, String reason) implements RefreshOutcome {
        public Skipped {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The refresh failed; {@code accountMarkedError} when the provider refused the grant (a person must re-authorise). */
    record Failed(long accountId, String reason, boolean accountMarkedError) implements RefreshOutcome {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
