package dev.relaypool.model.auth;

/** Shared validation of the request records: a message names the field, never echoes a secret. */
final class Checks {
    private Checks() {}

    static void required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    static void sixDigits(String code, String field) {
        required(code, field);
        if (!code.strip().matches("\\d{6}")) {
            throw new IllegalArgumentException(field + " must be 6 digits");
        }
    }
}
