package dev.relaypool.model.admin;

import java.time.Instant;

/** {@code POST /admin/invitation-codes}: {@code count} (1-100) codes, each good for {@code maxUses} (1-10000) sign-ups. */
public record InvitationCreateRequest(Integer count, Integer maxUses, Instant expiresAt, String notes) {
    public InvitationCreateRequest {
        count = count == null ? 1 : count;
        if (count < 1 || count > 100) {
            throw new IllegalArgumentException("count must be 1-100");
        }
        maxUses = maxUses == null ? 1 : maxUses;
        if (maxUses < 1 || maxUses > 10_000) {
            throw new IllegalArgumentException("maxUses must be 1-10000");
        }
        notes = Checks.orEmpty(notes);
    }
}
