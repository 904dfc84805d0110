package dev.relaypool.model.admin;

/**
 * An account's membership of a group: {@code PUT /admin/groups/{id}/accounts/{accountId}} with {@code priority}
 * (default 50; lower is tried first), and the {@code groups} of an {@link AccountView}.
 */
public record GroupMembership(long groupId, Integer priority) {
    public GroupMembership {
        priority = priority == null ? 50 : priority;
    }
}
