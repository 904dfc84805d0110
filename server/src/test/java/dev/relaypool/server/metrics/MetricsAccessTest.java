package dev.relaypool.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MetricsAccessTest {
    private static final String TOKEN = "s3cret-metrics-token-0123";
    private final MetricsAccess open = new MetricsAccess(Optional.empty());
    private final MetricsAccess guarded = new MetricsAccess(Optional.of(TOKEN));

    @Test
    void answersLoopbackClientsWhenNoTokenIsSet() throws Exception {
        assertThat(open.decide(InetAddress.getByName("127.0.0.1"), null, false))
                .isInstanceOf(MetricsAccess.Decision.Allowed.class);
        assertThat(open.decide(InetAddress.getByName("::1"), null, false))
                .isInstanceOf(MetricsAccess.Decision.Allowed.class);
    }

    @Test
    void refusesOtherHostsWhenNoTokenIsSet() throws Exception {
        assertThat(open.decide(InetAddress.getByName("192.0.2.10"), null, false))
                .isInstanceOf(MetricsAccess.Decision.Forbidden.class);
        assertThat(open.decide(InetAddress.getByName("10.0.0.5"), "Bearer " + TOKEN, false))
                .isInstanceOf(MetricsAccess.Decision.Forbidden.class);
        assertThat(open.decide(null, null, false)).isInstanceOf(MetricsAccess.Decision.Forbidden.class);
    }

    @Test
    void refusesLoopbackRequestsThatCameThroughAProxyWhenNoTokenIsSet() throws Exception {
        assertThat(open.decide(InetAddress.getByName("127.0.0.1"), null, true))
                .isInstanceOf(MetricsAccess.Decision.Forbidden.class);
    }

    @Test
    void answersTheTokenFromAnywhere() throws Exception {
        assertThat(guarded.decide(InetAddress.getByName("192.0.2.10"), "Bearer " + TOKEN, true))
                .isInstanceOf(MetricsAccess.Decision.Allowed.class);
        assertThat(guarded.decide(InetAddress.getByName("127.0.0.1"), "bearer " + TOKEN, false))
                .isInstanceOf(MetricsAccess.Decision.Allowed.class);
    }

    @Test
    void requiresTheTokenEvenFromLoopbackWhenOneIsSet() throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        assertThat(guarded.decide(loopback, null, false)).isInstanceOf(MetricsAccess.Decision.Unauthorized.class);
        assertThat(guarded.decide(loopback, "Bearer wrong-token-0000000000", false))
                .isInstanceOf(MetricsAccess.Decision.Unauthorized.class);
        assertThat(guarded.decide(loopback, "Basic " + TOKEN, false))
                .isInstanceOf(MetricsAccess.Decision.Unauthorized.class);
        assertThat(guarded.decide(loopback, "Bearer " + TOKEN + "x", false))
                .isInstanceOf(MetricsAccess.Decision.Unauthorized.class);
        assertThat(guarded.decide(loopback, "Bearer ", false)).isInstanceOf(MetricsAccess.Decision.Unauthorized.class);
    }
}
