package dev.relaypool.model.admin;

import java.util.Set;

/**
 * {@code PATCH /admin/users/{id}}: null = unchanged; a limit of 0 = no limit. Changing role or status signs the
 * user out of every session (their access tokens stop working).
 */
public record UserUpdateRequest(String displayName, String role, String status, Integer concurrencyLimit,
                                Integer rpmLimit, Long tpmLimit, String notes) {
    public UserUpdateRequest {
        role = Checks.oneOf(role, "role", Set.of("admin", "member"));
        status = Checks.oneOf(status, "status", Set.of("active", "disabled"));
        Checks.notNegative(concurrencyLimit, "concurrencyLimit");
        Checks.notNegative(rpmLimit, "rpmLimit");
        Checks.notNegative(tpmLimit, "tpmLimit");
    }
}
