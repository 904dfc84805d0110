package dev.relaypool.server.keys;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A key's address lists: when the allow list is not empty only addresses in it may use the key, and an address in
 * the deny list never may (deny wins over allow). Built once per cached key, evaluated on every request.
 */
public record IpRules(List<Cidr> allow, List<Cidr> deny) {
    public static final IpRules NONE = new IpRules(List.of(), List.of());
    /** Enough for a team's offices and VPN ranges; a longer list is a sign of misuse. */
    public static final int MAX_ENTRIES = 100;

    public IpRules {
        allow = List.copyOf(allow);
        deny = List.copyOf(deny);
    }

    /** The rules of stored lists (validated when written); an entry that no longer parses is a bug. */
    public static IpRules of(List<String> allow, List<String> deny) {
        if (allow.isEmpty() && deny.isEmpty()) {
            return NONE;
        }
        return new IpRules(allow.stream().map(Cidr::of).toList(), deny.stream().map(Cidr::of).toList());
    }

    /** The problems of a list as entered (each names the entry), empty when every entry is a valid range. */
    public static List<String> problems(String listName, List<String> entries) {
        List<String> problems = new ArrayList<>();
        if (entries.size() > MAX_ENTRIES) {
            problems.add(listName + " has " + entries.size() + " entries; at most " + MAX_ENTRIES + " are allowed");
        }
        for (String entry : entries) {
            if (Cidr.parse(entry) instanceof Cidr.Parsed.Invalid(String problem)) {
                problems.add(listName + ": " + problem);
            }
        }
        return problems;
    }

    /** Why {@code client} may not use the key, in words for the caller; empty when it may. */
    public Optional<String> refusal(Optional<InetAddress> client) {
        if (allow.isEmpty() && deny.isEmpty()) {
            return Optional.empty();
        }
        if (client.isEmpty()) {
            return Optional.of("This API key is restricted by client address, and the address of this request is unknown.");
        }
        String address = client.get().getHostAddress();
        if (deny.stream().anyMatch(range -> range.contains(client.get()))) {
            return Optional.of("This API key may not be used from " + address + " (the address is on the key's deny list).");
        }
        if (!allow.isEmpty() && allow.stream().noneMatch(range -> range.contains(client.get()))) {
            return Optional.of("This API key may not be used from " + address + " (the address is not on the key's allow list).");
        }
        return Optional.empty();
    }
}
