package dev.relaypool.model.admin;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Set;

/** Shared validation of the admin records: a message names the field, never echoes a secret. */
final class Checks {
    private Checks() {}

    static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value.strip();
    }

    static String orEmpty(String value) {
        return value == null ? "" : value.strip();
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Lower-cases a wire name and checks it is one of {@code allowed}; null stays null. */
    static String oneOf(String value, String field, Set<String> allowed) {
        if (value == null) {
            return null;
        }
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (!allowed.contains(v)) {
            throw new IllegalArgumentException(field + " must be one of " + new java.util.TreeSet<>(allowed));
        }
        return v;
    }

    static void notNegative(Number value, String field) {
        if (value != null && value.doubleValue() < 0) {
            throw new IllegalArgumentException(field + " must not be negative");
        }
    }

    static void notNegative(BigDecimal value, String field) {
        if (value != null && value.signum() < 0) {
            throw new IllegalArgumentException(field + " must not be negative");
        }
    }

    static void positive(Number value, String field) {
        if (value != null && value.longValue() <= 0) {
            throw new IllegalArgumentException(field + " must be positive");
        }
    }
}
