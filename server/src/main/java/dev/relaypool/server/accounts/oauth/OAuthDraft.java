package dev.relaypool.server.accounts.oauth;

import dev.relaypool.model.Platform;
import java.util.Objects;
import java.util.Optional;

/**
 * The account an OAuth sign-in or a token import is for: a new one ({@code existingAccountId} empty, named
 * {@code name}, on {@code baseUrl} or the official endpoint, through {@code proxyId} or direct), or an existing
 * account being re-authorised (its name, endpoint and proxy are then kept).
 */
public record OAuthDraft(String name, Platform platform, Optional<String> baseUrl, Optional<Long> proxyId,
                         Optional<Long> existingAccountId) {
    public OAuthDraft {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(proxyId, "proxyId");
        Objects.requireNonNull(existingAccountId, "existingAccountId");
        if (name.isBlank() && existingAccountId.isEmpty()) {
            throw new IllegalArgumentException("a new account needs a name");
        }
    }

    public static OAuthDraft newAccount(String name, Platform platform) {
        return new OAuthDraft(name, platform, Optional.empty(), Optional.empty(), Optional.empty());
    }

    public static OAuthDraft reauthorise(long accountId, Platform platform) {
        return new OAuthDraft("", platform, Optional.empty(), Optional.empty(), Optional.of(accountId));
    }

    public OAuthDraft withBaseUrl(String url) {
        return new OAuthDraft(name, platform, Optional.of(url), proxyId, existingAccountId);
    }

    public OAuthDraft withProxy(long id) {
        return new OAuthDraft(name, platform, baseUrl, Optional.of(id), existingAccountId);
    }
}
