package dev.relaypool.server.auth;

import dev.relaypool.server.api.Authenticator;
import dev.relaypool.server.api.Principal;

/** Accepts access tokens ({@code v1.…}, memory only but for the cached revocation instant) and admin API keys ({@code rpa_…}). */
final class BearerAuthenticator implements Authenticator {
    private final AccessTokens accessTokens;
    private final TokensValidAfter validAfter;
    private final AdminApiKeys apiKeys;

    BearerAuthenticator(AccessTokens accessTokens, TokensValidAfter validAfter, AdminApiKeys apiKeys) {
        this.accessTokens = accessTokens;
        this.validAfter = validAfter;
        this.apiKeys = apiKeys;
    }

    @Override
    public Result authenticate(String credential) {
        if (credential.startsWith(AdminApiKeys.PREFIX)) {
            return apiKeys.authenticate(credential)
                    .<Result>map(Result.Authenticated::new)
                    .orElseGet(() -> new Result.Rejected("the API key is not valid or was revoked"));
        }
        return switch (accessTokens.verify(credential)) {
            case AccessTokens.Verification.Invalid invalid -> new Result.Rejected("the access token is not valid");
            case AccessTokens.Verification.Expired expired ->
                    new Result.Rejected("the access token has expired; refresh it at /api/v1/auth/refresh");
            case AccessTokens.Verification.Valid(var claims) -> validAfter.accepts(claims.userId(), claims.issuedAt())
                    ? new Result.Authenticated(new Principal.User(claims.userId(), claims.role(), claims.sessionId(),
                            claims.issuedAt()))
                    : new Result.Rejected("the session was signed out; sign in again");
        };
    }
}
