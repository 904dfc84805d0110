package dev.relaypool.server.accounts;

import dev.relaypool.model.Platform;
import dev.relaypool.server.gateway.UpstreamProxy;
import java.util.Objects;
import java.util.Optional;

/** An active OAuth account as the token refresh needs it, read fresh from the database. {@code toString} is safe. */
public record OAuthAccount(long id, String name, Platform platform, AccountCredentials.OAuth tokens,
                           Optional<UpstreamProxy> proxy) {
    public OAuthAccount {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(proxy, "proxy");
    }
}
