package dev.relaypool.model.admin;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/** The provider page to open, and the {@code state} the redirect must carry back before {@code expiresAt}. */
public record OAuthStarted(URI authorizeUrl, String state, Instant expiresAt) {
    public OAuthStarted {
        Objects.requireNonNull(authorizeUrl, "authorizeUrl");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
