package dev.relaypool.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ForwarderTest {
    @Test
    void removesTheMembersKeyFromTheQueryAndKeepsTheRestAsSent() {
        assertThat(Forwarder.queryWithoutKey("alt=sse&key=rp-secret")).isEqualTo("?alt=sse");
        assertThat(Forwarder.queryWithoutKey("k%65y=rp-secret&beta=true")).isEqualTo("?beta=true");
        assertThat(Forwarder.queryWithoutKey("key=rp-secret")).isEmpty();
        assertThat(Forwarder.queryWithoutKey("a=%2F&&b")).isEqualTo("?a=%2F&b");
        assertThat(Forwarder.queryWithoutKey(null)).isEmpty();
    }
}
