package dev.relaypool.model.admin;

import java.time.Instant;
import java.util.Objects;

/** An invitation code for sign-up in {@code invitation} registration mode. {@code status}: active or disabled. */
public record InvitationCodeView(long id, String code, int maxUses, int usedCount, String status, Instant expiresAt,
                                 String notes, Instant createdAt) {
    public InvitationCodeView {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(status, "status");
        notes = Checks.orEmpty(notes);
    }
}
