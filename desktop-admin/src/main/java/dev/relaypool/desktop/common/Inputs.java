package dev.relaypool.desktop.common;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * Reads what an operator typed into a form field. An empty field is valid and means "none"; anything else must be
 * the kind of value asked for, so a ViewModel can say which field is wrong before it asks the server.
 */
public final class Inputs {
    private Inputs() {}

    /** A value read from a field: {@code valid} false when the text is not that kind of value; null value = empty. */
    public record Parsed<T>(T value, boolean valid) {
        static <T> Parsed<T> of(T value) {
            return new Parsed<>(value, true);
        }

        static <T> Parsed<T> invalid() {
            return new Parsed<>(null, false);
        }

        public boolean empty() {
            return valid && value == null;
        }
    }

    /** A decimal that is not negative ("12.50", "$3"); money and multipliers. */
    public static Parsed<BigDecimal> decimal(String text) {
        String t = text == null ? "" : text.strip().replace("$", "").replace(",", "");
        if (t.isEmpty()) {
            return Parsed.of(null);
        }
        try {
            BigDecimal value = new BigDecimal(t);
            return value.signum() < 0 ? Parsed.invalid() : Parsed.of(value);
        } catch (NumberFormatException e) {
            return Parsed.invalid();
        }
    }

    /** A whole number of at least {@code min}. */
    public static Parsed<Long> whole(String text, long min) {
        String t = text == null ? "" : text.strip().replace(",", "").replace("_", "");
        if (t.isEmpty()) {
            return Parsed.of(null);
        }
        try {
            long value = Long.parseLong(t);
            return value < min ? Parsed.invalid() : Parsed.of(value);
        } catch (NumberFormatException e) {
            return Parsed.invalid();
        }
    }

    /** "2026-12-31" as the end of that day in {@code zone} (valid through the whole day typed). */
    public static Parsed<Instant> endOfDay(String text, ZoneId zone) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return Parsed.of(null);
        }
        try {
            return Parsed.of(LocalDate.parse(t).plusDays(1).atStartOfDay(zone).toInstant());
        } catch (DateTimeParseException e) {
            return Parsed.invalid();
        }
    }

    /** The text a decimal field shows for {@code value}: plain digits, "" for none. */
    public static String text(BigDecimal value) {
        return value == null ? "" : value.stripTrailingZeros().toPlainString();
    }

    public static String text(Number value) {
        return value == null ? "" : value.toString();
    }
}
