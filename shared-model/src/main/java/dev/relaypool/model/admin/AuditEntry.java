package dev.relaypool.model.admin;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** One audit log entry: who ({@code actor}), what ({@code action}, target), from where ({@code ip}), the change. */
public record AuditEntry(long id, Long actorUserId, String actor, String action, String targetType, String targetId,
                         Map<String, Object> detail, String ip, Instant createdAt) {
    public AuditEntry {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(createdAt, "createdAt");
        detail = detail == null ? Map.of() : detail;
    }
}
