package dev.relaypool.server.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class UpstreamAddressPolicyTest {
    /** A resolver from a table, so no test depends on real DNS. */
    private static final Map<String, List<String>> NAMES = Map.of(
            "api.example.com", List.of("93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"),
            "split.example.com", List.of("93.184.215.14", "10.1.2.3"),
            "rebind.example.com", List.of("127.0.0.1"),
            "metadata.example.com", List.of("169.254.169.254"));
    private static final UpstreamAddressPolicy.Resolver TABLE = host -> {
        List<String> addresses = NAMES.get(host);
        if (addresses == null) {
            throw new UnknownHostException(host);
        }
        return addresses.stream().map(UpstreamAddressPolicyTest::address).toList();
    };

    private final UpstreamAddressPolicy strict = new UpstreamAddressPolicy(false, false, TABLE);

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1", "172.16.0.1", "172.31.255.255", "192.168.1.1", "100.64.0.1", "fc00::1", "fd12:3456::1"})
    void classifiesPrivateRanges(String literal) {
        assertThat(AddressClass.of(address(literal))).isEqualTo(AddressClass.PRIVATE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.255.0.9", "::1", "::ffff:127.0.0.1", "::127.0.0.1", "64:ff9b::7f00:1", "2002:7f00:1::"})
    void classifiesLoopbackIncludingIpv4InsideIpv6(String literal) {
        assertThat(AddressClass.of(address(literal))).isEqualTo(AddressClass.LOOPBACK);
    }

    @ParameterizedTest
    @ValueSource(strings = {"169.254.169.254", "169.254.0.1", "fe80::1", "febf::1", "::ffff:169.254.169.254"})
    void classifiesLinkLocalIncludingTheMetadataService(String literal) {
        assertThat(AddressClass.of(address(literal))).isEqualTo(AddressClass.LINK_LOCAL);
    }

    @Test
    void classifiesTheRest() {
        assertThat(AddressClass.of(address("0.0.0.0"))).isEqualTo(AddressClass.UNSPECIFIED);
        assertThat(AddressClass.of(address("::"))).isEqualTo(AddressClass.UNSPECIFIED);
        assertThat(AddressClass.of(address("224.0.0.1"))).isEqualTo(AddressClass.MULTICAST);
        assertThat(AddressClass.of(address("ff02::1"))).isEqualTo(AddressClass.MULTICAST);
        assertThat(AddressClass.of(address("255.255.255.255"))).isEqualTo(AddressClass.RESERVED);
        assertThat(AddressClass.of(address("8.8.8.8"))).isEqualTo(AddressClass.PUBLIC);
        assertThat(AddressClass.of(address("172.32.0.1"))).isEqualTo(AddressClass.PUBLIC);
        assertThat(AddressClass.of(address("2606:4700::1111"))).isEqualTo(AddressClass.PUBLIC);
        assertThat(AddressClass.of(address("::ffff:8.8.8.8"))).isEqualTo(AddressClass.PUBLIC);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://127.0.0.1", "https://2130706433", "https://0x7f000001", "https://0177.0.0.1",
            "https://0x7f.1", "https://127.1", "https://017700000001", "https://[::ffff:7f00:1]", "https://[::1]:8443",
            "https://localhost.", "https://169.254.169.254/latest", "https://0251.0376.0251.0376", "https://[fe80::1]",
            "https://0.0.0.0", "https://10.0.0.1:443/v1", "https://[fd00::1]", "https://0"})
    void refusesPrivateLoopbackLinkLocalAndUnspecifiedHostsWhateverTheSpelling(String url) {
        UpstreamAddressPolicy policy = new UpstreamAddressPolicy(false, false,
                host -> host.equals("localhost") ? List.of(address("127.0.0.1")) : TABLE.resolve(host));
        assertThat(policy.checkBaseUrl(url)).isInstanceOf(UpstreamAddressPolicy.Verdict.Refused.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://1.2.3.256", "https://0x1.0x2.0x3.0x4.5", "https://09.1.1.1", "https://1.2.3.4.5"})
    void refusesNumericHostsThatAreNotValidAddresses(String url) {
        assertThat(strict.checkBaseUrl(url)).isInstanceOf(UpstreamAddressPolicy.Verdict.Refused.class);
    }

    @Test
    void readsOctalAndHexTheWayLenientResolversDo() {
        assertThat(HostLiteral.parse("0177.0.0.1")).isEqualTo(new HostLiteral.Parsed.Address(address("127.0.0.1")));
        assertThat(HostLiteral.parse("0x7f.0.0.1")).isEqualTo(new HostLiteral.Parsed.Address(address("127.0.0.1")));
        assertThat(HostLiteral.parse("2130706433")).isEqualTo(new HostLiteral.Parsed.Address(address("127.0.0.1")));
        assertThat(HostLiteral.parse("10.1")).isEqualTo(new HostLiteral.Parsed.Address(address("10.0.0.1")));
        assertThat(HostLiteral.parse("api.example.com")).isEqualTo(new HostLiteral.Parsed.Name("api.example.com"));
        assertThat(HostLiteral.parse("8.8.8.8")).isEqualTo(new HostLiteral.Parsed.Address(address("8.8.8.8")));
    }

    @Test
    void allowsPublicHttpsHostsWhoseEveryAddressIsPublic() {
        assertThat(strict.checkBaseUrl("https://api.example.com")).isInstanceOf(UpstreamAddressPolicy.Verdict.Allowed.class);
        assertThat(strict.checkBaseUrl("https://8.8.8.8/v1")).isInstanceOf(UpstreamAddressPolicy.Verdict.Allowed.class);
    }

    @Test
    void refusesANameWithOnePrivateAddressAmongPublicOnes() {
        assertThat(strict.checkBaseUrl("https://split.example.com")).isInstanceOfSatisfying(
                UpstreamAddressPolicy.Verdict.Refused.class, r -> assertThat(r.reason()).contains("10.1.2.3").contains("private"));
        assertThat(strict.checkProxyHost("metadata.example.com")).isInstanceOf(UpstreamAddressPolicy.Verdict.Refused.class);
        assertThat(strict.checkProxyHost("unknown.example.com")).isInstanceOf(UpstreamAddressPolicy.Verdict.Refused.class);
    }

    @Test
    void requiresHttpsUnlessPlainHttpIsAllowed() {
        assertThat(strict.checkBaseUrl("http://api.example.com")).isInstanceOfSatisfying(
                UpstreamAddressPolicy.Verdict.Refused.class, r -> assertThat(r.reason()).contains("allow-http-upstreams"));
        assertThat(strict.checkBaseUrl("ftp://api.example.com")).isInstanceOf(UpstreamAddressPolicy.Verdict.Refused.class);
        assertThat(strict.checkBaseUrl("https://user:pw@api.example.com")).isInstanceOf(UpstreamAddressPolicy.Verdict.Refused.class);
        assertThat(new UpstreamAddressPolicy(false, true, TABLE).checkBaseUrl("http://api.example.com"))
                .isInstanceOf(UpstreamAddressPolicy.Verdict.Allowed.class);
    }

    @Test
    void allowsPrivateTargetsWhenConfigured() {
        UpstreamAddressPolicy lenient = new UpstreamAddressPolicy(true, true, TABLE);
        assertThat(lenient.checkBaseUrl("http://127.0.0.1:8080")).isInstanceOf(UpstreamAddressPolicy.Verdict.Allowed.class);
        assertThat(lenient.checkProxyHost("10.0.0.5")).isInstanceOf(UpstreamAddressPolicy.Verdict.Allowed.class);
    }

    @Test
    void dnsDropsRefusedAddressesAtConnectTimeAndFailsWhenNoneIsLeft() throws UnknownHostException {
        assertThat(strict.dns().lookup("split.example.com")).containsExactly(address("93.184.215.14"));
        assertThatThrownBy(() -> strict.dns().lookup("rebind.example.com")).isInstanceOf(UnknownHostException.class);
        assertThat(new UpstreamAddressPolicy(true, false, TABLE).dns().lookup("rebind.example.com"))
                .containsExactly(address("127.0.0.1"));
    }

    private static InetAddress address(String literal) {
        return InetAddress.ofLiteral(literal);
    }
}
