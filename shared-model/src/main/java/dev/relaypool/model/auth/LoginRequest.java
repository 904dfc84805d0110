package dev.relaypool.model.auth;

/** {@code POST /api/v1/auth/login}. {@code totpCode} is null unless the account has two-factor login on. */
public record LoginRequest(String email, String password, String totpCode) {
    public LoginRequest {
        Checks.required(email, "email");
        Checks.required(password, "password");
        totpCode = Checks.blankToNull(totpCode);
    }

    @Override
    public String toString() {
        return "LoginRequest[email=" + email + "]";
    }
}
