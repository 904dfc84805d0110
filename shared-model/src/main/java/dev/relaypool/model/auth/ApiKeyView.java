package dev.relaypool.model.auth;

import java.time.Instant;
import java.util.Objects;

/** An admin API key as listed: never the key itself, only its first characters. {@code lastUsedAt} may be null. */
public record ApiKeyView(long id, String name, String prefix, Instant createdAt, Instant lastUsedAt, boolean revoked) {
    public ApiKeyView {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
