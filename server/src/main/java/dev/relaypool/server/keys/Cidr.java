package dev.relaypool.server.keys;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * An IPv4 or IPv6 address range such as {@code 10.0.0.0/8} or {@code 2001:db8::/32}; a bare address is a range of
 * one. Parsing never does a DNS lookup. An IPv4 address only falls in an IPv4 range (and IPv6 in IPv6), except that
 * IPv4-mapped IPv6 peers ({@code ::ffff:a.b.c.d}) arrive from the JDK already as IPv4.
 */
public record Cidr(byte[] network, int prefix) {
    public Cidr {
        network = network.clone();
        if (prefix < 0 || prefix > network.length * 8) {
            throw new IllegalArgumentException("bad prefix length " + prefix);
        }
    }

    /** The range, or an explanation in words of what is wrong with {@code text}. */
    public static Parsed parse(String text) {
        String trimmed = text == null ? "" : text.strip();
        String[] parts = trimmed.split("/", -1);
        if (parts.length > 2) {
            return new Parsed.Invalid("'" + trimmed + "' is not an address or CIDR range");
        }
        Optional<InetAddress> address = literal(parts[0]);
        if (address.isEmpty()) {
            return new Parsed.Invalid("'" + trimmed + "' is not an IPv4 or IPv6 address");
        }
        byte[] bytes = address.get().getAddress();
        int bits = bytes.length * 8;
        int prefix = bits;
        if (parts.length == 2) {
            if (!parts[1].matches("\\d{1,3}") || Integer.parseInt(parts[1]) > bits) {
                return new Parsed.Invalid("'" + trimmed + "' has a prefix length outside 0.." + bits);
            }
            prefix = Integer.parseInt(parts[1]);
        }
        return new Parsed.Valid(new Cidr(bytes, prefix));
    }

    /** Like {@link #parse} for values already validated (configuration): throws on a bad range. */
    public static Cidr of(String text) {
        return switch (parse(text)) {
            case Parsed.Valid(Cidr cidr) -> cidr;
            case Parsed.Invalid(String problem) -> throw new IllegalArgumentException(problem);
        };
    }

    public sealed interface Parsed {
        record Valid(Cidr cidr) implements Parsed {}

        record Invalid(String problem) implements Parsed {}
    }

    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (bytes[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (bytes[full] & mask) == (network[full] & mask);
    }

    /** Parses an IP literal without ever doing a DNS lookup; empty when {@code text} is not one. */
    public static Optional<InetAddress> literal(String text) {
        if (text == null || text.isEmpty() || text.length() > 45 || !text.matches("[0-9a-fA-F:.]+")) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(text));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cidr(byte[] otherNetwork, int otherPrefix)
                && prefix == otherPrefix && java.util.Arrays.equals(network, otherNetwork);
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Arrays.hashCode(network) + prefix;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
