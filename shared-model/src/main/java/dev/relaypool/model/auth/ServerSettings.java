package dev.relaypool.model.auth;

import java.util.Locale;
import java.util.Objects;

/** {@code GET/PUT /api/v1/admin/settings}: operator settings kept in the database. */
public record ServerSettings(String registration) {
    public static final String OPEN = "open";
    public static final String INVITATION = "invitation";
    public static final String CLOSED = "closed";

    public ServerSettings {
        Objects.requireNonNull(registration, "registration");
        registration = registration.strip().toLowerCase(Locale.ROOT);
        if (!registration.equals(OPEN) && !registration.equals(INVITATION) && !registration.equals(CLOSED)) {
            throw new IllegalArgumentException("registration must be open, invitation or closed");
        }
    }
}
