package dev.relaypool.server.billing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.server.billing.SubscriptionWindow.Period;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SubscriptionWindowTest {
    static final Instant T = Instant.parse("2026-07-24T23:00:00Z");

    @Test
    void opensAtFirstUseAndLastsExactlyItsPeriod() {
        SubscriptionWindow w = SubscriptionWindow.of(null, null).charge(T, new BigDecimal("1"), Period.DAILY)
                .charge(T.plus(Duration.ofHours(23)), new BigDecimal("2"), Period.DAILY);

        assertThat(w.start()).isEqualTo(T);
        assertThat(w.usageAt(T.plus(Duration.ofHours(23)), Period.DAILY)).isEqualByComparingTo("3");
        assertThat(w.resetsAt(T, Period.DAILY)).isEqualTo(T.plus(Duration.ofDays(1)));
        assertThat(w.usageAt(T.plus(Duration.ofDays(1)), Period.DAILY)).isZero();
    }

    @Test
    void aUseAfterTheWindowEndedOpensANewOne() {
        SubscriptionWindow w = SubscriptionWindow.of(T, new BigDecimal("9"))
                .charge(T.plus(Duration.ofDays(7)), new BigDecimal("1"), Period.WEEKLY);

        assertThat(w).isEqualTo(new SubscriptionWindow(T.plus(Duration.ofDays(7)), new BigDecimal("1")));
    }

    @Test
    void aLateReplayFromBeforeTheOpenWindowDoesNotCountInIt() {
        SubscriptionWindow w = SubscriptionWindow.of(T, new BigDecimal("2"));

        assertThat(w.charge(T.minusSeconds(1), new BigDecimal("5"), Period.MONTHLY)).isEqualTo(w);
    }
}
