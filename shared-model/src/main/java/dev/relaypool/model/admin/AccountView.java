package dev.relaypool.model.admin;

import dev.relaypool.model.Platform;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An upstream account as listed: never its credentials. {@code concurrencyInUse} is the live lease count over the
 * cluster; {@code cooldownUntil}/{@code cooldownReason} are set while the scheduler rests the account.
 */
public record AccountView(long id, String name, Platform platform, String type, String baseUrl, Long proxyId,
                          int concurrencyLimit, int priority, String status, boolean schedulable,
                          Map<String, String> modelMapping, String errorMessage, String notes,
                          List<GroupMembership> groups, int concurrencyInUse, Instant cooldownUntil,
                          String cooldownReason, Instant lastUsedAt, Instant createdAt) {
    public AccountView {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
        modelMapping = modelMapping == null ? Map.of() : Map.copyOf(modelMapping);
        groups = groups == null ? List.of() : List.copyOf(groups);
        notes = notes == null ? "" : notes;
    }
}
