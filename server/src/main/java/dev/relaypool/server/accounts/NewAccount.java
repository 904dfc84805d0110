package dev.relaypool.server.accounts;

import dev.relaypool.model.Platform;
import java.util.Objects;
import java.util.Optional;

/** What creating an upstream account needs. {@code baseUrl} empty = the platform's official endpoint. */
public record NewAccount(String name, Platform platform, AccountCredentials credentials, Optional<String> baseUrl,
                         Optional<Long> proxyId, int concurrencyLimit, int priority, ModelMapping modelMapping) {
    public NewAccount {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(credentials, "credentials");
        if (name.isBlank()) {
            throw new IllegalArgumentException("an account needs a name");
        }
        if (concurrencyLimit < 1) {
            throw new IllegalArgumentException("concurrency limit must be at least 1");
        }
    }

    public static NewAccount apiKey(String name, Platform platform, String apiKey, Optional<String> baseUrl) {
        return new NewAccount(name, platform, new AccountCredentials.ApiKey(apiKey), baseUrl, Optional.empty(), 3, 50,
                ModelMapping.ALLOW_ALL);
    }

    public String type() {
        return credentials instanceof AccountCredentials.OAuth ? "oauth" : "api_key";
    }
}
