package dev.relaypool.desktop.api;

import java.time.Duration;

/** Every way a login or a token refresh can end. */
public sealed interface LoginOutcome {
    record SignedIn(AuthTokens tokens) implements LoginOutcome {}

    /** Wrong email or password on login; an expired or revoked refresh token on refresh. */
    record Rejected() implements LoginOutcome {}

    record TotpRequired() implements LoginOutcome {}

    record TooManyAttempts(Duration retryAfter) implements LoginOutcome {}

    record Unreachable(String detail) implements LoginOutcome {}

    record Failed(int status, String message) implements LoginOutcome {}
}
