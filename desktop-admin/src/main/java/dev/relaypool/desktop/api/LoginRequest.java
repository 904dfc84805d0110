package dev.relaypool.desktop.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/** Body of {@code POST /api/v1/auth/login}; {@code totpCode} is left out when empty. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LoginRequest(String email, String password, String totpCode) {
    public LoginRequest {
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(password, "password");
        totpCode = totpCode == null || totpCode.isBlank() ? null : totpCode.strip();
    }

    @Override
    public String toString() {
        return "LoginRequest[email=" + email + "]";
    }
}
