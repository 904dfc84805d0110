package dev.relaypool.server.auth;

import dev.relaypool.server.api.Authenticator;
import dev.relaypool.server.api.Route;
import dev.relaypool.server.crypto.CredentialCipher;
import dev.relaypool.server.storage.Database;
import dev.relaypool.server.users.PasswordHasher;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;

/**
 * Front door of sign-in: wires tokens, sessions, TOTP, throttling, registration and admin API keys, and hands the
 * API its routes and its {@link Authenticator}.
 */
public final class AuthModule {
    private final List<Route<?>> routes;
    private final Authenticator authenticator;
    private final TokensValidAfter validAfter;

    public AuthModule(Database database, CredentialCipher cipher, PasswordHasher hasher, LoginService.Policy policy,
                      Clock clock) {
        SecureRandom random = new SecureRandom();
        AccessTokens accessTokens = new AccessTokens(TokenKeys.loadOrCreate(database.dsl(), cipher, random), clock);
        TokensValidAfter validAfter = new TokensValidAfter(id -> new UserAccounts(database.dsl()).tokensValidAfter(id), clock);
        Sessions sessions = new Sessions(database, accessTokens, validAfter, clock, random);
        TotpSecrets totp = new TotpSecrets(new Totp(clock, random), cipher);
        LoginThrottle throttle = new LoginThrottle(clock, LoginThrottle.PER_ACCOUNT, LoginThrottle.PER_ADDRESS);
        ServerSettingsStore settings = new ServerSettingsStore(database, clock);
        AdminApiKeys apiKeys = new AdminApiKeys(database, clock, random);
        this.routes = AuthRoutes.routes(
                new LoginService(database, hasher, sessions, throttle, totp, policy, clock),
                sessions,
                new Registration(database, hasher, sessions, settings, clock),
                new AccountSecurity(database, hasher, sessions, totp, policy, clock),
                apiKeys,
                settings);
        this.authenticator = new BearerAuthenticator(accessTokens, validAfter, apiKeys);
        this.validAfter = validAfter;
    }

    /** For code that changes a user's role or status: {@link TokensValidAfter#changed} applies it on this node at once. */
    public TokensValidAfter tokensValidAfter() {
        return validAfter;
    }

    public List<Route<?>> routes() {
        return routes;
    }

    public Authenticator authenticator() {
        return authenticator;
    }
}
