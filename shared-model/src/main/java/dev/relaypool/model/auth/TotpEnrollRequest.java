package dev.relaypool.model.auth;

/**
 * {@code POST /api/v1/auth/totp/enroll}: an admin who must use TOTP ({@code security.require-admin-totp}) but has
 * none yet proves the password and gets a secret; the next login with a code from it turns TOTP on.
 */
public record TotpEnrollRequest(String email, String password) {
    public TotpEnrollRequest {
        Checks.required(email, "email");
        Checks.required(password, "password");
    }

    @Override
    public String toString() {
        return "TotpEnrollRequest[email=" + email + "]";
    }
}
