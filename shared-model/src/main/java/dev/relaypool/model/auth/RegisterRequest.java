package dev.relaypool.model.auth;

/** {@code POST /api/v1/auth/register}; {@code invitationCode} is needed when registration is by invitation. */
public record RegisterRequest(String email, String password, String invitationCode) {
    public RegisterRequest {
        Checks.required(email, "email");
        Checks.required(password, "password");
        email = email.strip();
        if (!email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw new IllegalArgumentException("email is not an e-mail address");
        }
        invitationCode = Checks.blankToNull(invitationCode);
    }

    @Override
    public String toString() {
        return "RegisterRequest[email=" + email + "]";
    }
}
