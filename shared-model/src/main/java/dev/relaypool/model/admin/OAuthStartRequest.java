package dev.relaypool.model.admin;

import dev.relaypool.model.Platform;
import java.util.Objects;

/**
 * {@code POST /admin/accounts/oauth/start}: sign in a new OAuth account named {@code name} (on {@code baseUrl} or the
 * official endpoint, through {@code proxyId} or direct), or re-authorise {@code accountId} when it is set.
 */
public record OAuthStartRequest(String name, Platform platform, String baseUrl, Long proxyId, Long accountId) {
    public OAuthStartRequest {
        Objects.requireNonNull(platform, "platform");
        name = name == null ? "" : name.strip();
        baseUrl = baseUrl == null || baseUrl.isBlank() ? null : baseUrl.strip();
    }
}
