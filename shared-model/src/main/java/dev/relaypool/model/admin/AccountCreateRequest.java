package dev.relaypool.model.admin;

import dev.relaypool.model.Platform;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code POST /admin/accounts}: an API-key account. {@code apiKey} is write-only: stored encrypted, never answered.
 * {@code baseUrl} null = the platform's official endpoint; {@code proxyId} null = direct.
 */
public record AccountCreateRequest(String name, Platform platform, String baseUrl, String apiKey, Long proxyId,
                                   Integer concurrencyLimit, Integer priority, Map<String, String> modelMapping,
                                   String notes, List<GroupMembership> groups) {
    public AccountCreateRequest {
        name = Checks.required(name, "name");
        Objects.requireNonNull(platform, "platform is required");
        baseUrl = Checks.blankToNull(baseUrl);
        apiKey = Checks.required(apiKey, "apiKey");
        concurrencyLimit = concurrencyLimit == null ? 3 : concurrencyLimit;
        Checks.positive(concurrencyLimit, "concurrencyLimit");
        priority = priority == null ? 50 : priority;
        modelMapping = modelMapping == null ? Map.of() : Map.copyOf(modelMapping);
        notes = Checks.orEmpty(notes);
        groups = groups == null ? List.of() : List.copyOf(groups);
    }

    @Override
    public String toString() {
        return "AccountCreateRequest[name=" + name + ", platform=" + platform + ", apiKey=***]";
    }
}
