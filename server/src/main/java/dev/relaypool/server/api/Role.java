package dev.relaypool.server.api;

import java.util.Locale;
import java.util.Optional;

/** A user's role as stored and shown on the wire ({@code admin}, {@code member}). */
public enum Role {
    ADMIN, MEMBER;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> fromWire(String value) {
        for (Role role : values()) {
            if (role.wireName().equalsIgnoreCase(value)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
