package dev.relaypool.server.auth;

import dev.relaypool.model.auth.LoginRequest;
import dev.relaypool.model.auth.TokenResponse;
import dev.relaypool.model.auth.TotpEnrollRequest;
import dev.relaypool.model.auth.TotpSetupResponse;
import dev.relaypool.server.api.ErrorCode;
import dev.relaypool.server.api.Role;
import dev.relaypool.server.storage.Database;
import dev.relaypool.server.storage.schema.tables.records.UsersRecord;
import dev.relaypool.server.users.PasswordHasher;
import java.time.Clock;
import java.util.Optional;

/**
 * Password (+ TOTP) sign-in. An unknown e-mail and a wrong password get the same answer after the same work (a
 * hash is verified either way), and both count against the per-account and per-address limits.
 */
public final class LoginService {
    static final String BAD_CREDENTIALS = "the e-mail address or the password is wrong";

    private final Database database;
    private final PasswordHasher hasher;
    private final Sessions sessions;
    private final LoginThrottle throttle;
    private final TotpSecrets totp;
    private final Policy policy;
    private final Clock clock;
    private final String dummyHash;

    /** Operator choices that shape sign-in. */
    public record Policy(boolean requireAdminTotp) {}

    LoginService(Database database, PasswordHasher hasher, Sessions sessions, LoginThrottle throttle, TotpSecrets totp,
                 Policy policy, Clock clock) {
        this.database = database;
        this.hasher = hasher;
        this.sessions = sessions;
        this.throttle = throttle;
        this.totp = totp;
        this.policy = policy;
        this.clock = clock;
        this.dummyHash = hasher.hash("relaypool-timing-equaliser");
    }

    public AuthOutcome<TokenResponse> login(LoginRequest request, String ip, String userAgent) {
        AuthOutcome<UsersRecord> checked = checkPassword(request.email(), request.password(), ip);
        if (!(checked instanceof AuthOutcome.Ok<UsersRecord>(UsersRecord found))) {
            return checked.retyped();
        }
        return database.transactionResult(tx -> {
            UsersRecord user = new UserAccounts(tx).byIdForUpdate(found.getId()).orElseThrow();
            if (TotpSecrets.enabled(user) || mustEnrol(user)) {
                if (request.totpCode() == null) {
                    return TotpSecrets.enabled(user)
                            ? AuthOutcome.refused(ErrorCode.TOTP_REQUIRED, "enter the 6-digit code from your authenticator app")
                            : enrolmentNeeded();
                }
                if (!totp.accept(user, request.totpCode())) {
                    throttle.recordFailure(request.email(), ip);
                    return TotpSecrets.enabled(user) || user.getTotpSecret() != null
                            ? AuthOutcome.refused(ErrorCode.INVALID_TOTP_CODE, "the code is wrong or was already used")
                            : enrolmentNeeded();
                }
                user.setTotpEnabled(true); // for an enrolling admin, the first good code turns TOTP on
            }
            throttle.recordSuccess(request.email());
            if (hasher.needsRehash(user.getPasswordHash())) {
                user.setPasswordHash(hasher.hash(request.password()));
            }
            user.setLastLoginAt(UserAccounts.at(clock.instant()));
            user.store();
            return AuthOutcome.ok(sessions.start(tx, user, ip, userAgent));
        });
    }

    /** For an admin who must use TOTP but has none yet: after the password, a new secret to put in the app. */
    public AuthOutcome<TotpSetupResponse> enrolTotp(TotpEnrollRequest request, String ip) {
        AuthOutcome<UsersRecord> checked = checkPassword(request.email(), request.password(), ip);
        if (!(checked instanceof AuthOutcome.Ok<UsersRecord>(UsersRecord found))) {
            return checked.retyped();
        }
        if (!mustEnrol(found)) {
            return AuthOutcome.refused(ErrorCode.CONFLICT,
                    "two-factor sign-in is already on or not required; use /api/v1/me/totp/setup after signing in");
        }
        return database.transactionResult(tx -> {
            UsersRecord user = new UserAccounts(tx).byIdForUpdate(found.getId()).orElseThrow();
            TotpSetupResponse setup = totp.newPendingSecret(user);
            user.store();
            return AuthOutcome.ok(setup);
        });
    }

    private AuthOutcome<UsersRecord> checkPassword(String email, String password, String ip) {
        if (throttle.check(email, ip) instanceof LoginThrottle.Decision.Blocked(var wait)) {
            return new AuthOutcome.Throttled<>(wait);
        }
        Optional<UsersRecord> user = new UserAccounts(database.dsl()).byEmail(email);
        boolean matches = hasher.verify(password, user.map(UsersRecord::getPasswordHash).orElse(dummyHash));
        if (user.isEmpty() || !matches) {
            throttle.recordFailure(email, ip);
            return AuthOutcome.refused(ErrorCode.INVALID_CREDENTIALS, BAD_CREDENTIALS);
        }
        if (!UserAccounts.ACTIVE.equals(user.get().getStatus())) {
            return AuthOutcome.refused(ErrorCode.ACCOUNT_DISABLED, "this account is disabled; ask an administrator");
        }
        return AuthOutcome.ok(user.get());
    }

    private boolean mustEnrol(UsersRecord user) {
        return policy.requireAdminTotp() && Role.ADMIN.wireName().equals(user.getRole()) && !TotpSecrets.enabled(user);
    }

    private static <T> AuthOutcome<T> enrolmentNeeded() {
        return AuthOutcome.refused(ErrorCode.TOTP_SETUP_REQUIRED, "administrators must use two-factor sign-in: "
                + "POST /api/v1/auth/totp/enroll with e-mail and password, add the secret to an authenticator app, "
                + "then sign in with its code");
    }
}
