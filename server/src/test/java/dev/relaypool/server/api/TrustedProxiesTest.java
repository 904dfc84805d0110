package dev.relaypool.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {
    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @Test
    void ignoresForwardedForFromAnUntrustedPeer() throws Exception {
        assertThat(TrustedProxies.none().clientAddress(ip("203.0.113.9"), "1.2.3.4")).isEqualTo("203.0.113.9");
    }

    @Test
    void takesTheRightMostUntrustedHopBehindTrustedProxies() throws Exception {
        TrustedProxies proxies = new TrustedProxies(List.of("10.0.0.0/8", "192.168.1.1"));
        assertThat(proxies.clientAddress(ip("10.1.2.3"), "6.6.6.6, 198.51.100.4, 192.168.1.1"))
                .isEqualTo("198.51.100.4");
        assertThat(proxies.clientAddress(ip("10.1.2.3"), "not-an-ip")).isEqualTo("10.1.2.3");
        assertThat(proxies.clientAddress(ip("11.0.0.1"), "198.51.100.4")).isEqualTo("11.0.0.1");
    }
}
