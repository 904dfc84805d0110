package dev.relaypool.model.auth;

import java.util.Objects;

/** A new admin API key ({@code rpa_...}); {@code key} is shown this once, the server keeps only its hash. */
public record ApiKeyCreated(long id, String name, String key) {
    public ApiKeyCreated {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(key, "key");
    }

    @Override
    public String toString() {
        return "ApiKeyCreated[id=" + id + ", name=" + name + "]";
    }
}
