package dev.relaypool.server.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Key address lists: IPv4 and IPv6 ranges, deny over allow, and entries refused by name. */
class IpRulesTest {

    @Test
    void allowsOnlyTheAllowListAndDenyWins() throws Exception {
        IpRules rules = IpRules.of(List.of("10.0.0.0/8", "2001:db8::/32"), List.of("10.1.2.3", "2001:db8:bad::/48"));

        assertThat(rules.refusal(ip("10.9.9.9"))).isEmpty();
        assertThat(rules.refusal(ip("2001:db8:1::1"))).isEmpty();
        assertThat(rules.refusal(ip("10.1.2.3"))).get().asString().contains("deny list");
        assertThat(rules.refusal(ip("2001:db8:bad::9"))).get().asString().contains("deny list");
        assertThat(rules.refusal(ip("11.0.0.1"))).get().asString().contains("11.0.0.1").contains("allow list");
        assertThat(rules.refusal(Optional.empty())).isPresent();
        assertThat(IpRules.NONE.refusal(Optional.empty())).isEmpty();
    }

    @Test
    void aDenyListAloneRefusesOnlyItsRanges() throws Exception {
        IpRules rules = IpRules.of(List.of(), List.of("192.0.2.0/25"));

        assertThat(rules.refusal(ip("192.0.2.127"))).isPresent();
        assertThat(rules.refusal(ip("192.0.2.128"))).isEmpty();
    }

    @Test
    void namesEveryUnreadableEntry() {
        assertThat(IpRules.problems("ipAllow", List.of("10.0.0.0/8", "10.0.0.0/33", "host.example", "::1/129", "1.2.3.4/")))
                .hasSize(4).anyMatch(p -> p.contains("10.0.0.0/33")).anyMatch(p -> p.contains("host.example"))
                .anyMatch(p -> p.contains("::1/129")).anyMatch(p -> p.contains("1.2.3.4/"));
        assertThat(IpRules.problems("ipDeny", List.of("0.0.0.0/0", "::/0", "fe80::1"))).isEmpty();
    }

    private static Optional<InetAddress> ip(String literal) {
        return Cidr.literal(literal);
    }
}
