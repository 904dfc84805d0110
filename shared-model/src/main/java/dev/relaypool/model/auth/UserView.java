package dev.relaypool.model.auth;

import java.util.Objects;

/** A user as the API shows them. {@code role} is {@code admin} or {@code member}; {@code status} e.g. {@code active}. */
public record UserView(long id, String email, String displayName, String role, String status, boolean totpEnabled) {
    public static final String ADMIN = "admin";
    public static final String MEMBER = "member";

    public UserView {
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(status, "status");
        displayName = displayName == null ? "" : displayName;
        if (!role.equals(ADMIN) && !role.equals(MEMBER)) {
            throw new IllegalArgumentException("role must be admin or member");
        }
    }

    public boolean admin() {
        return role.equals(ADMIN);
    }
}
