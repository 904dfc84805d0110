package dev.relaypool.server.accounts.oauth;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/** The outcome of starting an OAuth sign-in. */
public sealed interface FlowStart {
    /** Open {@code authorizeUrl} in a browser; paste back what the redirect page shows before {@code expiresAt}. */
    record Started(URI authorizeUrl, String state, Instant expiresAt) implements FlowStart {
        public Started {
            Objects.requireNonNull(authorizeUrl, "authorizeUrl");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }
    }

    /** The draft or the platform's OAuth client configuration does not allow a sign-in. */
    record Refused(String reason) implements FlowStart {
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
