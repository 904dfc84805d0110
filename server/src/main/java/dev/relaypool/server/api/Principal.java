package dev.relaypool.server.api;

import java.time.Instant;
import java.util.UUID;

/** Who made an authenticated API request. */
public sealed interface Principal {

    /** A user signed in with an access token of session {@code sessionId}, issued at {@code issuedAt}. */
    record User(long userId, Role role, UUID sessionId, Instant issuedAt) implements Principal {}

    /** An admin API key ({@code rpa_...}); admin rights on {@code /api/v1/admin/**} only. */
    record ApiKey(long keyId, String name) implements Principal {}

    /** Whether this principal may call a route declared with {@code access}. */
    default boolean mayCall(Access access) {
        return switch (access) {
            case ANONYMOUS -> true;
            case MEMBER -> this instanceof User;
            case ADMIN -> switch (this) {
                case User user -> user.role() == Role.ADMIN;
                case ApiKey key -> true;
            };
        };
    }
}
