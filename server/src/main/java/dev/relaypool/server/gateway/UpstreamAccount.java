package dev.relaypool.server.gateway;

import dev.relaypool.model.Platform;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * One pooled provider account as the gateway needs it. {@code baseUrl} is what precedes the client's path, e.g.
 * {@code https://api.anthropic.com} (a client's {@code /v1/messages} goes to {@code baseUrl + /v1/messages}).
 */
public record UpstreamAccount(long id, Platform platform, String baseUrl, UpstreamCredential credential,
                              Optional<UpstreamProxy> proxy) {
    public UpstreamAccount {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(credential, "credential");
        Objects.requireNonNull(proxy, "proxy");
        URI uri;
        try {
            uri = URI.create(baseUrl);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("baseUrl is not a URL");
        }
        if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null
                || uri.getRawQuery() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("baseUrl must be an http(s) URL without query or user info");
        }
        baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    @Override
    public String toString() {
        return "UpstreamAccount[id=" + id + ", " + platform.wireName() + ", " + baseUrl + ", " + credential
                + proxy.map(p -> ", " + p).orElse("") + "]";
    }
}
