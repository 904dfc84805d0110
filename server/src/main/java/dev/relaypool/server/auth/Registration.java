package dev.relaypool.server.auth;

import static dev.relaypool.server.storage.schema.Tables.INVITATION_CODES;
import static dev.relaypool.server.storage.schema.Tables.USERS;

import dev.relaypool.model.auth.RegisterRequest;
import dev.relaypool.model.auth.ServerSettings;
import dev.relaypool.model.auth.TokenResponse;
import dev.relaypool.server.api.ErrorCode;
import dev.relaypool.server.storage.Database;
import dev.relaypool.server.storage.schema.tables.records.InvitationCodesRecord;
import dev.relaypool.server.storage.schema.tables.records.UsersRecord;
import dev.relaypool.server.users.PasswordHasher;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.jooq.exception.DataAccessException;

/** Self-service sign-up, as the {@code registration} setting allows: open, by invitation code, or closed. */
public final class Registration {
    private static final String UNIQUE_VIOLATION = "23505";

    private final Database database;
    private final PasswordHasher hasher;
    private final Sessions sessions;
    private final ServerSettingsStore settings;
    private final Clock clock;

    Registration(Database database, PasswordHasher hasher, Sessions sessions, ServerSettingsStore settings, Clock clock) {
        this.database = database;
        this.hasher = hasher;
        this.sessions = sessions;
        this.settings = settings;
        this.clock = clock;
    }

    public AuthOutcome<TokenResponse> register(RegisterRequest request, String ip, String userAgent) {
        String mode = settings.current().registration();
        if (mode.equals(ServerSettings.CLOSED)) {
            return AuthOutcome.refused(ErrorCode.REGISTRATION_CLOSED, "sign-up is closed; ask an administrator for an account");
        }
        if (mode.equals(ServerSettings.INVITATION) && request.invitationCode() == null) {
            return AuthOutcome.refused(ErrorCode.INVALID_INVITATION, "sign-up needs an invitation code");
        }
        Optional<String> weak = AccountSecurity.passwordProblem(request.password());
        if (weak.isPresent()) {
            return AuthOutcome.refused(ErrorCode.INVALID_REQUEST, weak.get());
        }
        String hash = hasher.hash(request.password()); // before the transaction: it takes a while
        try {
            return database.transactionResult(tx -> {
                if (new UserAccounts(tx).byEmail(request.email()).isPresent()) {
                    return AuthOutcome.refused(ErrorCode.EMAIL_TAKEN, "an account with this e-mail address exists");
                }
                if (mode.equals(ServerSettings.INVITATION) && !redeem(tx, request.invitationCode())) {
                    return AuthOutcome.refused(ErrorCode.INVALID_INVITATION, "the invitation code is not valid");
                }
                UsersRecord user = tx.insertInto(USERS)
                        .set(USERS.EMAIL, request.email())
                        .set(USERS.PASSWORD_HASH, hash)
                        .set(USERS.ROLE, "member")
                        .set(USERS.STATUS, UserAccounts.ACTIVE)
                        .set(USERS.LAST_LOGIN_AT, UserAccounts.at(clock.instant()))
                        .returning()
                        .fetchSingle();
                return AuthOutcome.ok(sessions.start(tx, user, ip, userAgent));
            });
        } catch (DataAccessException e) {
            if (UNIQUE_VIOLATION.equals(e.sqlState())) { // two sign-ups with one address at the same moment
                return AuthOutcome.refused(ErrorCode.EMAIL_TAKEN, "an account with this e-mail address exists");
            }
            throw e;
        }
    }

    private boolean redeem(org.jooq.DSLContext tx, String code) {
        InvitationCodesRecord invitation = tx.selectFrom(INVITATION_CODES).where(INVITATION_CODES.CODE.eq(code))
                .forUpdate().fetchOne();
        Instant now = clock.instant();
        if (invitation == null || !"active".equals(invitation.getStatus())
                || invitation.getUsedCount() >= invitation.getMaxUses()
                || (invitation.getExpiresAt() != null && !invitation.getExpiresAt().toInstant().isAfter(now))) {
            return false;
        }
        invitation.setUsedCount(invitation.getUsedCount() + 1);
        invitation.store();
        return true;
    }
}
