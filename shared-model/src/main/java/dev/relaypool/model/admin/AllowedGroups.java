package dev.relaypool.model.admin;

import java.util.List;

/** {@code GET/PUT /admin/users/{id}/allowed-groups}: the exclusive groups this user may use (PUT replaces the set). */
public record AllowedGroups(List<Long> groupIds) {
    public AllowedGroups {
        groupIds = groupIds == null ? List.of() : List.copyOf(groupIds.stream().distinct().sorted().toList());
    }
}
