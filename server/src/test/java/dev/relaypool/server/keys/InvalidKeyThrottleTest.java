package dev.relaypool.server.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.server.testing.TestClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The invalid-key throttle: per address, per window, off at 0. */
class InvalidKeyThrottleTest {

    @Test
    void blocksAnAddressPastTheLimitUntilItsWindowEnds() {
        TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
        InvalidKeyThrottle throttle = new InvalidKeyThrottle(new InvalidKeyThrottle.Settings(3, Duration.ofSeconds(60)), clock);
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.blocked("192.0.2.1")).isEmpty();
            throttle.failed("192.0.2.1");
        }

        assertThat(throttle.blocked("192.0.2.1")).contains(Duration.ofSeconds(60));
        assertThat(throttle.blocked("192.0.2.2")).isEmpty();

        clock.advance(Duration.ofSeconds(45));
        assertThat(throttle.blocked("192.0.2.1")).contains(Duration.ofSeconds(15));
        clock.advance(Duration.ofSeconds(15));
        assertThat(throttle.blocked("192.0.2.1")).isEmpty();
        throttle.failed("192.0.2.1"); // a new window: one failure, far from the limit
        assertThat(throttle.blocked("192.0.2.1")).isEmpty();
    }

    @Test
    void neverBlocksWhenOff() {
        InvalidKeyThrottle throttle = new InvalidKeyThrottle(InvalidKeyThrottle.Settings.OFF, Clock.systemUTC());
        for (int i = 0; i < 1_000; i++) {
            throttle.failed("192.0.2.1");
        }
        assertThat(throttle.blocked("192.0.2.1")).isEmpty();
    }
}
