package dev.relaypool.server.api;

import java.util.Locale;

/** Every error the REST API answers with: one place mapping each to its HTTP status and wire code. */
public enum ErrorCode {
    INVALID_JSON(400),
    INVALID_REQUEST(400),
    UNAUTHENTICATED(401),
    INVALID_CREDENTIALS(401),
    TOTP_REQUIRED(401),
    INVALID_TOTP_CODE(401),
    INVALID_REFRESH_TOKEN(401),
    FORBIDDEN(403),
    TOTP_SETUP_REQUIRED(403),
    ACCOUNT_DISABLED(403),
    REGISTRATION_CLOSED(403),
    INVALID_INVITATION(403),
    NOT_FOUND(404),
    METHOD_NOT_ALLOWED(405),
    CONFLICT(409),
    EMAIL_TAKEN(409),
    PAYLOAD_TOO_LARGE(413),
    UNSUPPORTED_MEDIA_TYPE(415),
    TOO_MANY_ATTEMPTS(429),
    INTERNAL_ERROR(500),
    UNAVAILABLE(503);

    private final int status;

    ErrorCode(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }

    public String wireCode() {
        return name().toLowerCase(Locale.ROOT);
    }
}
