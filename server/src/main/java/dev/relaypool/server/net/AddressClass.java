package dev.relaypool.server.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * What kind of network an address belongs to, as far as server-side request forgery goes: only {@link #PUBLIC}
 * addresses are safe targets by default. IPv6 forms that carry an IPv4 address (mapped, compatible, NAT64, 6to4)
 * are judged by the IPv4 address inside them, so {@code ::ffff:127.0.0.1} is loopback.
 */
public enum AddressClass {
    PUBLIC, PRIVATE, LOOPBACK, LINK_LOCAL, UNSPECIFIED, MULTICAST, RESERVED;

    public static AddressClass of(InetAddress address) {
        byte[] b = address.getAddress();
        return switch (address) {
            case Inet4Address ignored -> ofIpv4(b);
            case Inet6Address ignored -> ofIpv6(b);
            default -> RESERVED;
        };
    }

    private static AddressClass ofIpv4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        if (a0 == 0) {
            return UNSPECIFIED; // 0.0.0.0/8 "this network": connects to the local host on most systems
        }
        if (a0 == 127) {
            return LOOPBACK;
        }
        if (a0 == 10 || a0 == 172 && (a1 & 0xf0) == 16 || a0 == 192 && a1 == 168
                || a0 == 100 && (a1 & 0xc0) == 64) { // 100.64/10: carrier-grade NAT, internal to a provider
            return PRIVATE;
        }
        if (a0 == 169 && a1 == 254) {
            return LINK_LOCAL; // includes the cloud metadata service 169.254.169.254
        }
        if (a0 >= 224 && a0 <= 239) {
            return MULTICAST;
        }
        if (a0 >= 240) {
            return RESERVED; // 240/4 and the broadcast address
        }
        return PUBLIC;
    }

    private static AddressClass ofIpv6(byte[] b) {
        if (allZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return ofIpv4(tail(b, 12)); // ::ffff:a.b.c.d (IPv4-mapped)
        }
        if (allZero(b, 0, 12)) {
            if (allZero(b, 12, 15)) {
                return b[15] == 0 ? UNSPECIFIED : b[15] == 1 ? LOOPBACK : RESERVED;
            }
            return ofIpv4(tail(b, 12)); // ::a.b.c.d (deprecated IPv4-compatible)
        }
        if ((b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b
                && allZero(b, 4, 12)) {
            return ofIpv4(tail(b, 12)); // 64:ff9b::/96 NAT64 reaches the embedded IPv4 address
        }
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
            return ofIpv4(new byte[] {b[2], b[3], b[4], b[5]}); // 2002::/16 6to4
        }
        int first = b[0] & 0xff;
        if ((first & 0xfe) == 0xfc) {
            return PRIVATE; // fc00::/7 unique local
        }
        if (first == 0xfe && (b[1] & 0xc0) == 0x80) {
            return LINK_LOCAL; // fe80::/10
        }
        if (first == 0xfe && (b[1] & 0xc0) == 0xc0) {
            return PRIVATE; // fec0::/10 deprecated site-local
        }
        if (first == 0xff) {
            return MULTICAST;
        }
        return PUBLIC;
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static byte[] tail(byte[] b, int from) {
        return java.util.Arrays.copyOfRange(b, from, b.length);
    }

    static InetAddress ipv4(long value) {
        try {
            return InetAddress.getByAddress(new byte[] {
                    (byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // four bytes are always a valid address
        }
    }
}
