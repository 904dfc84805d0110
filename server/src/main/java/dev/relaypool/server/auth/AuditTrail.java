package dev.relaypool.server.auth;

import static dev.relaypool.server.storage.schema.Tables.AUDIT_LOG;
import static dev.relaypool.server.storage.schema.Tables.USERS;

import dev.relaypool.server.api.Principal;
import org.jooq.DSLContext;

/** Writes a row of {@code audit_log} inside the caller's transaction, so the record and the change commit together. */
final class AuditTrail {
    private AuditTrail() {}

    static void record(DSLContext tx, Principal principal, String action, String targetType, Object targetId, String ip) {
        Long userId = principal instanceof Principal.User user ? user.userId() : null;
        String actor = switch (principal) {
            case Principal.User user -> tx.select(USERS.EMAIL).from(USERS).where(USERS.ID.eq(user.userId()))
                    .fetchOptional(USERS.EMAIL).orElse("user:" + user.userId());
            case Principal.ApiKey key -> "api-key:" + key.keyId() + " (" + key.name() + ")";
        };
        tx.insertInto(AUDIT_LOG)
                .set(AUDIT_LOG.ACTOR_USER_ID, userId)
                .set(AUDIT_LOG.ACTOR, actor)
                .set(AUDIT_LOG.ACTION, action)
                .set(AUDIT_LOG.TARGET_TYPE, targetType)
                .set(AUDIT_LOG.TARGET_ID, targetId == null ? null : targetId.toString())
                .set(AUDIT_LOG.IP, ip)
                .execute();
    }
}
