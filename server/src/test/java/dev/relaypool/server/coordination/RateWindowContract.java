package dev.relaypool.server.coordination;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Rate windows: a limit per window across nodes, an honest retry-after, and a window that slides. */
interface RateWindowContract extends ContractFixture {
    /** Amounts may outstay the window by up to one bucket (1/20 of it). */
    Duration BUCKET = WINDOW.dividedBy(20);

    @Test
    default void allowsUpToTheLimitThenSaysWhenToRetry() {
        String key = key("rpm");
        for (int i = 0; i < 3; i++) {
            RateWindows rates = i % 2 == 0 ? node().rateWindows() : otherNode().rateWindows();
            assertThat(rates.tryConsume(key, 1, 3, WINDOW)).isInstanceOf(RateDecision.Allowed.class);
        }

        RateDecision fourth = node().rateWindows().tryConsume(key, 1, 3, WINDOW);

        assertThat(fourth).isInstanceOfSatisfying(RateDecision.Limited.class, limited ->
                assertThat(limited.retryAfter()).isPositive().isLessThanOrEqualTo(WINDOW.plus(BUCKET)));
        assertThat(otherNode().rateWindows().current(key, WINDOW)).as("a refusal counts nothing").isEqualTo(3);
    }

    @Test
    default void allowsAgainOnceTheWindowHasSlidPast() {
        String key = key("slide");
        node().rateWindows().tryConsume(key, 3, 3, WINDOW); // one bucket, so it leaves the window all at once
        RateDecision.Limited limited = (RateDecision.Limited) node().rateWindows().tryConsume(key, 1, 3, WINDOW);

        passTime(limited.retryAfter().plusMillis(20));

        assertThat(otherNode().rateWindows().tryConsume(key, 1, 3, WINDOW)).isInstanceOf(RateDecision.Allowed.class);
        assertThat(node().rateWindows().current(key, WINDOW)).isEqualTo(1);
    }

    @Test
    default void keepsCountingForAtLeastTheWholeWindow() {
        String key = key("whole");
        node().rateWindows().tryConsume(key, 5, 5, WINDOW);

        passTime(WINDOW.dividedBy(2));

        assertThat(otherNode().rateWindows().tryConsume(key, 1, 5, WINDOW)).isInstanceOf(RateDecision.Limited.class);
    }

    @Test
    default void countsTokensAddedAfterTheAnswer() {
        String key = key("tpm");
        node().rateWindows().add(key, 700, WINDOW);

        assertThat(otherNode().rateWindows().current(key, WINDOW)).isEqualTo(700);
        assertThat(otherNode().rateWindows().tryConsume(key, 400, 1_000, WINDOW)).isInstanceOf(RateDecision.Limited.class);
        assertThat(otherNode().rateWindows().tryConsume(key, 300, 1_000, WINDOW)).isInstanceOf(RateDecision.Allowed.class);
        assertThat(node().rateWindows().current(key, WINDOW)).isEqualTo(1_000);
    }

    @Test
    default void neverAllowsMoreThanTheLimitInOneGo() {
        RateDecision decision = node().rateWindows().tryConsume(key("huge"), 11, 10, WINDOW);

        assertThat(decision).isEqualTo(new RateDecision.Limited(WINDOW));
    }

    @Test
    default void countsButNeverLimitsWithoutALimit() {
        String key = key("unlimited");
        for (int i = 0; i < 5; i++) {
            assertThat(node().rateWindows().tryConsume(key, 1_000, 0, WINDOW)).isInstanceOf(RateDecision.Allowed.class);
        }
        assertThat(node().rateWindows().current(key, WINDOW)).isEqualTo(5_000);
    }

    @Test
    default void keepsWindowsOfDifferentLengthsApart() {
        String key = key("lengths");
        node().rateWindows().add(key, 10, WINDOW);

        assertThat(node().rateWindows().current(key, WINDOW.multipliedBy(60))).isZero();
    }
}
