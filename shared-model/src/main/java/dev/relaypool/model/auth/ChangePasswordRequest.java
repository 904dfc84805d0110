package dev.relaypool.model.auth;

/** {@code POST /api/v1/me/password}. */
public record ChangePasswordRequest(String currentPassword, String newPassword) {
    public ChangePasswordRequest {
        Checks.required(currentPassword, "currentPassword");
        Checks.required(newPassword, "newPassword");
    }

    @Override
    public String toString() {
        return "ChangePasswordRequest[]";
    }
}
