package dev.relaypool.model.auth;

import java.util.Objects;

/** A new, not yet enabled TOTP secret (Base32) and its {@code otpauth://} URI for a QR code; shown once. */
public record TotpSetupResponse(String secret, String otpauthUri) {
    public TotpSetupResponse {
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(otpauthUri, "otpauthUri");
    }

    @Override
    public String toString() {
        return "TotpSetupResponse[]";
    }
}
