package dev.relaypool.model.member;

import java.util.List;

/**
 * {@code PUT /keys/{id}/ip-rules} and {@code PUT /admin/users/{id}/keys/{keyId}/ip-rules}: a key's client address
 * lists, replaced as a whole (empty lists = no restriction). Entries are IPv4/IPv6 addresses or CIDR ranges; the
 * server names any entry it cannot read (400). Deny wins over allow.
 */
public record KeyIpRules(List<String> ipAllow, List<String> ipDeny) {
    public KeyIpRules {
        ipAllow = entries(ipAllow);
        ipDeny = entries(ipDeny);
    }

    /** A list as entered: null = empty, entries stripped, blank ones dropped; the server checks the rest. */
    static List<String> entries(List<String> entries) {
        return entries == null ? List.of()
                : entries.stream().map(e -> e == null ? "" : e.strip()).filter(e -> !e.isEmpty()).toList();
    }
}
