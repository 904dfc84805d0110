package dev.relaypool.model.admin;

import java.util.Set;

/** {@code POST /admin/users}. {@code role} defaults to member; limits are optional (null = no limit). */
public record UserCreateRequest(String email, String password, String displayName, String role,
                                Integer concurrencyLimit, Integer rpmLimit, Long tpmLimit, String notes) {
    public UserCreateRequest {
        email = Checks.required(email, "email");
        if (!email.matches("[^@\\s]+@[^@\\s]+")) {
            throw new IllegalArgumentException("email is not an e-mail address");
        }
        if (password == null || password.length() < 8 || password.length() > 1024) {
            throw new IllegalArgumentException("password must be 8-1024 characters");
        }
        displayName = Checks.orEmpty(displayName);
        role = role == null ? "member" : Checks.oneOf(role, "role", Set.of("admin", "member"));
        Checks.positive(concurrencyLimit, "concurrencyLimit");
        Checks.positive(rpmLimit, "rpmLimit");
        Checks.positive(tpmLimit, "tpmLimit");
        notes = Checks.orEmpty(notes);
    }

    @Override
    public String toString() {
        return "UserCreateRequest[email=" + email + ", role=" + role + "]";
    }
}
