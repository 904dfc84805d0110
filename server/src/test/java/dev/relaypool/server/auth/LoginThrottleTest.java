package dev.relaypool.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.server.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private final TestClock clock = new TestClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(clock, LoginThrottle.PER_ACCOUNT, LoginThrottle.PER_ADDRESS);

    @Test
    void blocksAnAccountAfterFiveFailuresUntilTheWindowPasses() {
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.check("Ann@example.com", "10.0.0." + i)).isInstanceOf(LoginThrottle.Decision.Allowed.class);
            throttle.recordFailure("Ann@example.com", "10.0.0." + i);
            clock.advance(Duration.ofMinutes(1));
        }

        assertThat(throttle.check("ann@example.com", "10.0.0.99"))
                .isEqualTo(new LoginThrottle.Decision.Blocked(Duration.ofMinutes(10)));
        clock.advance(Duration.ofMinutes(10));
        assertThat(throttle.check("ann@example.com", "10.0.0.99")).isInstanceOf(LoginThrottle.Decision.Allowed.class);
    }

    @Test
    void blocksAnAddressSprayingManyAccounts() {
        for (int i = 0; i < 20; i++) {
            throttle.recordFailure("user" + i + "@example.com", "192.0.2.7");
        }
        assertThat(throttle.check("someone@example.com", "192.0.2.7")).isInstanceOf(LoginThrottle.Decision.Blocked.class);
        assertThat(throttle.check("someone@example.com", "192.0.2.8")).isInstanceOf(LoginThrottle.Decision.Allowed.class);
    }

    @Test
    void aSuccessClearsTheAccountCount() {
        for (int i = 0; i < 4; i++) {
            throttle.recordFailure("bob@example.com", "10.1.1.1");
        }
        throttle.recordSuccess("bob@example.com");
        throttle.recordFailure("bob@example.com", "10.1.1.1");
        assertThat(throttle.check("bob@example.com", "10.1.1.1")).isInstanceOf(LoginThrottle.Decision.Allowed.class);
    }
}
