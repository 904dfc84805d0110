package dev.relaypool.model.auth;

/** {@code POST /api/v1/me/totp/enable} and {@code /disable}: a current 6-digit code from the authenticator app. */
public record TotpCodeRequest(String code) {
    public TotpCodeRequest {
        Checks.sixDigits(code, "code");
        code = code.strip();
    }
}
