package dev.relaypool.server.net;

import java.net.InetAddress;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads a URL host that is an IP literal the way lenient resolvers (inet_aton, browsers) do, so a check cannot be
 * dodged by spelling: {@code 2130706433}, {@code 0x7f.1} and {@code 0177.0.0.1} are all 127.0.0.1. A host whose last
 * label is numeric but does not parse is {@link Parsed.Invalid}: refused rather than handed to a resolver.
 */
final class HostLiteral {
    private HostLiteral() {}

    sealed interface Parsed {
        record Address(InetAddress address) implements Parsed {}

        record Name(String name) implements Parsed {}

        record Invalid(String reason) implements Parsed {}
    }

    static Parsed parse(String rawHost) {
        String host = rawHost.strip().toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty()) {
            return new Parsed.Invalid("the host is empty");
        }
        if (host.contains(":")) {
            try {
                return new Parsed.Address(InetAddress.ofLiteral(host));
            } catch (IllegalArgumentException e) {
                return new Parsed.Invalid("'" + rawHost + "' is not a valid IPv6 address");
            }
        }
        String trimmed = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String[] labels = trimmed.split("\\.", -1);
        if (!isNumber(labels[labels.length - 1])) {
            return new Parsed.Name(trimmed);
        }
        return ipv4(labels).<Parsed>map(Parsed.Address::new)
                .orElseGet(() -> new Parsed.Invalid("'" + rawHost + "' is not a valid IPv4 address"));
    }

    private static boolean isNumber(String label) {
        return label.matches("[0-9]+") || label.matches("0x[0-9a-f]*");
    }

    private static Optional<InetAddress> ipv4(String[] labels) {
        if (labels.length > 4) {
            return Optional.empty();
        }
        long[] parts = new long[labels.length];
        for (int i = 0; i < labels.length; i++) {
            Optional<Long> part = number(labels[i]);
            if (part.isEmpty()) {
                return Optional.empty();
            }
            parts[i] = part.get();
        }
        long value = 0;
        for (int i = 0; i < parts.length - 1; i++) {
            if (parts[i] > 255) {
                return Optional.empty();
            }
            value |= parts[i] << (8 * (3 - i));
        }
        long last = parts[parts.length - 1];
        if (last >= 1L << (8 * (5 - parts.length))) {
            return Optional.empty(); // the last part fills the remaining bytes, and no more
        }
        return Optional.of(AddressClass.ipv4(value | last));
    }

    private static Optional<Long> number(String label) {
        try {
            if (label.startsWith("0x")) {
                return Optional.of(label.length() == 2 ? 0L : Long.parseLong(label.substring(2), 16));
            }
            if (label.length() > 1 && label.startsWith("0")) {
                return Optional.of(Long.parseLong(label.substring(1), 8));
            }
            return label.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(label));
        } catch (NumberFormatException e) {
            return Optional.empty(); // an octal part with 8 or 9, or a part too long for any address
        }
    }
}
