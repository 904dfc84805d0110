package dev.relaypool.server.api;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Finds the real client address: {@code X-Forwarded-For} is believed only when the peer is a configured proxy
 * ({@code server.trusted-proxies}), and then the right-most hop that is not itself a trusted proxy is the client.
 * Rate limits key on this address, so a client must not be able to choose it.
 */
public final class TrustedProxies {
    private record Cidr(byte[] network, int prefix) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private final List<Cidr> ranges;

    public TrustedProxies(List<String> cidrs) {
        this.ranges = cidrs.stream().map(TrustedProxies::parse).toList();
    }

    public static TrustedProxies none() {
        return new TrustedProxies(List.of());
    }

    /** {@code peer} is the TCP peer; {@code forwardedFor} the X-Forwarded-For header or null. */
    public String clientAddress(InetAddress peer, String forwardedFor) {
        if (forwardedFor == null || forwardedFor.isBlank() || !trusted(peer)) {
            return peer.getHostAddress();
        }
        String[] hops = forwardedFor.split(",");
        String client = peer.getHostAddress();
        for (int i = hops.length - 1; i >= 0; i--) {
            InetAddress hop = literal(hops[i].strip());
            if (hop == null) {
                break; // not an IP literal: stop believing the chain here
            }
            client = hop.getHostAddress();
            if (!trusted(hop)) {
                break;
            }
        }
        return client;
    }

    public boolean trusted(InetAddress address) {
        byte[] bytes = address.getAddress();
        return ranges.stream().anyMatch(range -> range.contains(bytes));
    }

    private static Cidr parse(String cidr) {
        String[] parts = cidr.strip().split("/");
        InetAddress address = literal(parts[0]);
        if (address == null) {
            throw new IllegalArgumentException("not an IP address: " + cidr);
        }
        int bits = address.getAddress().length * 8;
        int prefix = parts.length > 1 ? Integer.parseInt(parts[1]) : bits;
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("bad prefix length: " + cidr);
        }
        return new Cidr(address.getAddress(), prefix);
    }

    /** Parses an IP literal without ever doing a DNS lookup. */
    private static InetAddress literal(String text) {
        if (text.isEmpty() || !text.matches("[0-9a-fA-F:.]+")) {
            return null;
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
