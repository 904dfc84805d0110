package dev.relaypool.server.auth;

import dev.relaypool.model.auth.ChangePasswordRequest;
import dev.relaypool.model.auth.TokenResponse;
import dev.relaypool.model.auth.TotpSetupResponse;
import dev.relaypool.model.auth.UserView;
import dev.relaypool.server.api.ErrorCode;
import dev.relaypool.server.api.Principal;
import dev.relaypool.server.api.Role;
import dev.relaypool.server.storage.Database;
import dev.relaypool.server.storage.schema.tables.records.UsersRecord;
import dev.relaypool.server.users.PasswordHasher;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** The signed-in user's own account: who am I, change password, turn two-factor sign-in on and off. */
public final class AccountSecurity {
    static final int MIN_PASSWORD = 8;
    static final int MAX_PASSWORD = 1024;

    private final Database database;
    private final PasswordHasher hasher;
    private final Sessions sessions;
    private final TotpSecrets totp;
    private final LoginService.Policy policy;
    private final Clock clock;

    AccountSecurity(Database database, PasswordHasher hasher, Sessions sessions, TotpSecrets totp,
                    LoginService.Policy policy, Clock clock) {
        this.database = database;
        this.hasher = hasher;
        this.sessions = sessions;
        this.totp = totp;
        this.policy = policy;
        this.clock = clock;
    }

    public AuthOutcome<UserView> me(Principal.User user) {
        return new UserAccounts(database.dsl()).byId(user.userId())
                .<AuthOutcome<UserView>>map(row -> AuthOutcome.ok(UserAccounts.view(row)))
                .orElseGet(() -> AuthOutcome.refused(ErrorCode.UNAUTHENTICATED, "the user no longer exists"));
    }

    /** Changes the password, signs out every session and answers a fresh session for the caller. */
    public AuthOutcome<TokenResponse> changePassword(Principal.User principal, ChangePasswordRequest request,
                                                     String ip, String userAgent) {
        Optional<String> weak = passwordProblem(request.newPassword());
        if (weak.isPresent()) {
            return AuthOutcome.refused(ErrorCode.INVALID_REQUEST, weak.get());
        }
        UsersRecord current = new UserAccounts(database.dsl()).byId(principal.userId()).orElse(null);
        if (current == null || !hasher.verify(request.currentPassword(), current.getPasswordHash())) {
            return AuthOutcome.refused(ErrorCode.INVALID_CREDENTIALS, "the current password is wrong");
        }
        String newHash = hasher.hash(request.newPassword());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        TokenResponse fresh = database.transactionResult(tx -> {
            UsersRecord user = new UserAccounts(tx).byIdForUpdate(principal.userId()).orElseThrow();
            user.setPasswordHash(newHash);
            user.setPasswordChangeRequired(false);
            user.setUpdatedAt(UserAccounts.at(now));
            user.store();
            sessions.signOutEverywhere(tx, user.getId(), now);
            AuditTrail.record(tx, principal, "user.password_changed", "user", user.getId(), ip);
            return sessions.start(tx, user, ip, userAgent);
        });
        sessions.changed(principal.userId(), now);
        return AuthOutcome.ok(fresh);
    }

    public AuthOutcome<TotpSetupResponse> setupTotp(Principal.User principal) {
        return database.transactionResult(tx -> {
            UsersRecord user = new UserAccounts(tx).byIdForUpdate(principal.userId()).orElseThrow();
            if (TotpSecrets.enabled(user)) {
                return AuthOutcome.refused(ErrorCode.CONFLICT, "two-factor sign-in is already on; disable it first");
            }
            TotpSetupResponse setup = totp.newPendingSecret(user);
            user.store();
            return AuthOutcome.ok(setup);
        });
    }

    public AuthOutcome<UserView> enableTotp(Principal.User principal, String code, String ip) {
        return database.transactionResult(tx -> {
            UsersRecord user = new UserAccounts(tx).byIdForUpdate(principal.userId()).orElseThrow();
            if (TotpSecrets.enabled(user)) {
                return AuthOutcome.refused(ErrorCode.CONFLICT, "two-factor sign-in is already on");
            }
            if (user.getTotpSecret() == null) {
                return AuthOutcome.refused(ErrorCode.CONFLICT, "call /api/v1/me/totp/setup first");
            }
            if (!totp.accept(user, code)) {
                return AuthOutcome.refused(ErrorCode.INVALID_TOTP_CODE, "the code is wrong or was already used");
            }
            user.setTotpEnabled(true);
            user.store();
            AuditTrail.record(tx, principal, "user.totp_enabled", "user", user.getId(), ip);
            return AuthOutcome.ok(UserAccounts.view(user));
        });
    }

    public AuthOutcome<UserView> disableTotp(Principal.User principal, String code, String ip) {
        return database.transactionResult(tx -> {
            UsersRecord user = new UserAccounts(tx).byIdForUpdate(principal.userId()).orElseThrow();
            if (!TotpSecrets.enabled(user)) {
                return AuthOutcome.refused(ErrorCode.CONFLICT, "two-factor sign-in is not on");
            }
            if (policy.requireAdminTotp() && Role.ADMIN.wireName().equals(user.getRole())) {
                return AuthOutcome.refused(ErrorCode.FORBIDDEN, "the operator requires two-factor sign-in for administrators");
            }
            if (!totp.accept(user, code)) {
                return AuthOutcome.refused(ErrorCode.INVALID_TOTP_CODE, "the code is wrong or was already used");
            }
            user.setTotpEnabled(false);
            user.setTotpSecret(null);
            user.store();
            AuditTrail.record(tx, principal, "user.totp_disabled", "user", user.getId(), ip);
            return AuthOutcome.ok(UserAccounts.view(user));
        });
    }

    static Optional<String> passwordProblem(String password) {
        int length = password.codePointCount(0, password.length());
        if (length < MIN_PASSWORD) {
            return Optional.of("the password must have at least " + MIN_PASSWORD + " characters");
        }
        if (length > MAX_PASSWORD) {
            return Optional.of("the password must have at most " + MAX_PASSWORD + " characters");
        }
        return Optional.empty();
    }
}
