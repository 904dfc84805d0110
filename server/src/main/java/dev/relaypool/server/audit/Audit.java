package dev.relaypool.server.audit;

import static dev.relaypool.server.storage.schema.Tables.AUDIT_LOG;
import static dev.relaypool.server.storage.schema.Tables.USERS;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.relaypool.server.api.ApiRequest;
import dev.relaypool.server.api.Json;
import dev.relaypool.server.api.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.JSONB;

/**
 * Records an admin write in {@code audit_log} inside the caller's transaction, so the change and its record commit
 * together: who (user or admin API key), what (action, target), from where (client address) and the change, with
 * every secret-looking value masked.
 */
public final class Audit {
    static final String MASK = "***";
    /** Field names whose values never reach the log, compared without case, dashes or underscores. */
    private static final Set<String> SECRET_NAMES = Set.of("password", "apikey", "secret", "token", "accesstoken",
            "refreshtoken", "credentials", "key", "code", "totpsecret");

    private Audit() {}

    /** Returns the id of the entry, for rows that refer to it (a balance ledger entry's {@code ref}). */
    public static long record(DSLContext tx, ApiRequest<?> request, String action, String targetType, Object targetId,
                              Map<String, ?> detail) {
        Principal principal = request.principal().orElseThrow(() -> new IllegalStateException("audit needs a principal"));
        Long userId = principal instanceof Principal.User user ? user.userId() : null;
        String actor = switch (principal) {
            case Principal.User user -> tx.select(USERS.EMAIL).from(USERS).where(USERS.ID.eq(user.userId()))
                    .fetchOptional(USERS.EMAIL).orElse("user:" + user.userId());
            case Principal.ApiKey key -> "api-key:" + key.keyId() + " (" + key.name() + ")";
        };
        return tx.insertInto(AUDIT_LOG)
                .set(AUDIT_LOG.ACTOR_USER_ID, userId)
                .set(AUDIT_LOG.ACTOR, actor)
                .set(AUDIT_LOG.ACTION, action)
                .set(AUDIT_LOG.TARGET_TYPE, targetType)
                .set(AUDIT_LOG.TARGET_ID, targetId == null ? null : targetId.toString())
                .set(AUDIT_LOG.DETAIL, JSONB.valueOf(json(masked(detail))))
                .set(AUDIT_LOG.IP, request.clientIp())
                .returning(AUDIT_LOG.ID)
                .fetchSingle(AUDIT_LOG.ID);
    }

    /** The body of a request as a change description: a record becomes its fields, secrets masked. */
    public static Map<String, Object> change(Object body) {
        if (body == null) {
            return Map.of();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = Json.MAPPER.convertValue(body, Map.class);
        return masked(fields);
    }

    static Map<String, Object> masked(Map<String, ?> detail) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (detail == null) {
            return out;
        }
        detail.forEach((name, value) -> out.put(name, secret(name) && value != null ? MASK : maskedValue(value)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object maskedValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            return masked((Map<String, ?>) map);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Audit::maskedValue).toList();
        }
        return value;
    }

    static boolean secret(String name) {
        return SECRET_NAMES.contains(name.replace("_", "").replace("-", "").toLowerCase(Locale.ROOT));
    }

    private static String json(Map<String, Object> detail) {
        try {
            return Json.MAPPER.writeValueAsString(detail);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit detail is not serialisable", e);
        }
    }
}
