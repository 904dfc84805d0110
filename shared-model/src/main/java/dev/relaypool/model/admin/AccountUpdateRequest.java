package dev.relaypool.model.admin;

import java.util.Map;

/**
 * {@code PATCH /admin/accounts/{id}}: null = unchanged. {@code apiKey} replaces the credential (write-only);
 * {@code baseUrl} "" = official endpoint; {@code proxyId} 0 = direct.
 */
public record AccountUpdateRequest(String name, String baseUrl, String apiKey, Long proxyId, Integer concurrencyLimit,
                                   Integer priority, Boolean schedulable, Map<String, String> modelMapping,
                                   String notes) {
    public AccountUpdateRequest {
        name = Checks.blankToNull(name);
        apiKey = Checks.blankToNull(apiKey);
        Checks.positive(concurrencyLimit, "concurrencyLimit");
        Checks.notNegative(proxyId, "proxyId");
        modelMapping = modelMapping == null ? null : Map.copyOf(modelMapping);
    }

    @Override
    public String toString() {
        return "AccountUpdateRequest[name=" + name + ", apiKey=" + (apiKey == null ? "unchanged" : "***") + "]";
    }
}
