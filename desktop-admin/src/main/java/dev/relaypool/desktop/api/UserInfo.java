package dev.relaypool.desktop.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Objects;

/**
 * The signed-in user as the server describes it ({@code user} in the login answer, body of {@code GET /api/v1/me}).
 * Field names match the server contract so this can be swapped for the shared-model record.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UserInfo(String id, String email, String displayName, String role, String status, boolean totpEnabled) {
    public UserInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(email, "email");
        displayName = displayName == null || displayName.isBlank() ? email : displayName;
        role = role == null ? "" : role;
        status = status == null ? "" : status;
    }
}
