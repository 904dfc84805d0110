package dev.relaypool.server.accounts.oauth;

import java.util.Objects;

/** The outcome of finishing an OAuth sign-in (or importing tokens). */
public sealed interface FlowFinish {
    /** The account now holds the new tokens (created, or re-authorised and active again). */
    record Connected(long accountId) implements FlowFinish {}

    /** Nothing was saved: an unknown or expired state, a refused code, a refused endpoint, ... */
    record Refused(String reason) implements FlowFinish {
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
