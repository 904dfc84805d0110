package dev.relaypool.server.auth;

import static dev.relaypool.server.storage.schema.Tables.USERS;

import dev.relaypool.model.auth.UserView;
import dev.relaypool.server.storage.schema.tables.records.UsersRecord;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** Reads and small updates of {@code users} rows for sign-in; built on a (transaction's) DSLContext. */
final class UserAccounts {
    static final String ACTIVE = "active";

    private final DSLContext dsl;

    UserAccounts(DSLContext dsl) {
        this.dsl = dsl;
    }

    Optional<UsersRecord> byEmail(String email) {
        return dsl.selectFrom(USERS)
                .where(DSL.lower(USERS.EMAIL).eq(email.strip().toLowerCase(Locale.ROOT)))
                .fetchOptional();
    }

    Optional<UsersRecord> byId(long id) {
        return dsl.selectFrom(USERS).where(USERS.ID.eq(id)).fetchOptional();
    }

    Optional<UsersRecord> byIdForUpdate(long id) {
        return dsl.selectFrom(USERS).where(USERS.ID.eq(id)).forUpdate().fetchOptional();
    }

    /** The instant before which the user's access tokens are refused; {@link Instant#MAX} for a missing user. */
    Instant tokensValidAfter(long id) {
        return dsl.select(USERS.TOKENS_VALID_AFTER, USERS.STATUS).from(USERS).where(USERS.ID.eq(id)).fetchOptional()
                .map(row -> !ACTIVE.equals(row.value2()) ? Instant.MAX
                        : row.value1() == null ? Instant.MIN : row.value1().toInstant())
                .orElse(Instant.MAX);
    }

    static UserView view(UsersRecord user) {
        return new UserView(user.getId(), user.getEmail(), user.getDisplayName(), user.getRole(), user.getStatus(),
                Boolean.TRUE.equals(user.getTotpEnabled()));
    }

    static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
