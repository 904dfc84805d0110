package dev.relaypool.server.api;

import dev.relaypool.server.keys.Cidr;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * Finds the real client address: {@code X-Forwarded-For} is believed only when the peer is a configured proxy
 * ({@code server.trusted-proxies}), and then the right-most hop that is not itself a trusted proxy is the client.
 * Rate limits and key address lists key on this address, so a client must not be able to choose it.
 */
public final class TrustedProxies {
    private final List<Cidr> ranges;

    public TrustedProxies(List<String> cidrs) {
        this.ranges = cidrs.stream().map(Cidr::of).toList();
    }

    public static TrustedProxies none() {
        return new TrustedProxies(List.of());
    }

    /** {@code peer} is the TCP peer; {@code forwardedFor} the X-Forwarded-For header or null. */
    public String clientAddress(InetAddress peer, String forwardedFor) {
        return client(peer, forwardedFor).getHostAddress();
    }

    /** As {@link #clientAddress}, as an address. */
    public InetAddress client(InetAddress peer, String forwardedFor) {
        if (forwardedFor == null || forwardedFor.isBlank() || !trusted(peer)) {
            return peer;
        }
        String[] hops = forwardedFor.split(",");
        InetAddress client = peer;
        for (int i = hops.length - 1; i >= 0; i--) {
            Optional<InetAddress> hop = Cidr.literal(hops[i].strip());
            if (hop.isEmpty()) {
                break; // not an IP literal: stop believing the chain here
            }
            client = hop.get();
            if (!trusted(client)) {
                break;
            }
        }
        return client;
    }

    public boolean trusted(InetAddress address) {
        return ranges.stream().anyMatch(range -> range.contains(address));
    }
}
