package dev.relaypool.server.coordination;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
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

    @Test
    default void countsAllOfABatchOrNoneOfIt() {
        String full = key("batch-full");
        String free = key("batch-free");
        String other = key("batch-other");
        node().rateWindows().tryConsume(full, 3, 3, WINDOW);

        var refusal = otherNode().rateWindows().tryConsumeAll(List.of(new RateWindows.Consume(free, 1, 5, WINDOW),
                new RateWindows.Consume(full, 1, 3, WINDOW)));

        assertThat(refusal).as("refused by the second check").hasValueSatisfying(r -> {
            assertThat(r.index()).isEqualTo(1);
            assertThat(r.limited().retryAfter()).isPositive().isLessThanOrEqualTo(WINDOW.plus(BUCKET));
        });
        assertThat(node().rateWindows().current(free, WINDOW)).as("a refused batch counts nothing").isZero();
        assertThat(node().rateWindows().tryConsumeAll(List.of(new RateWindows.Consume(free, 2, 5, WINDOW),
                new RateWindows.Consume(other, 0, 10, WINDOW)))).isEmpty();
        assertThat(otherNode().rateWindows().current(free, WINDOW)).isEqualTo(2);
        assertThat(otherNode().rateWindows().current(other, WINDOW)).as("amount 0 counts nothing").isZero();
    }

    @Test
    default void addsToEveryWindowOfABatch() {
        String key = key("add-all-key");
        String user = key("add-all-user");
        node().rateWindows().addAll(List.of(key, user), 700, WINDOW);

        assertThat(otherNode().rateWindows().current(key, WINDOW)).isEqualTo(700);
        assertThat(otherNode().rateWindows().current(user, WINDOW)).isEqualTo(700);
        assertThat(otherNode().rateWindows().tryConsumeAll(List.of(new RateWindows.Consume(user, 0, 600, WINDOW))))
                .as("over its limit already: refused while the tokens are in the window").isPresent();
    }

    @Test
    default void forgetsOnlyWhatLeftTheWindow() {
        String key = key("partly");
        node().rateWindows().add(key, 2, WINDOW);
        passTime(WINDOW.dividedBy(2));
        otherNode().rateWindows().add(key, 3, WINDOW);

        passTime(WINDOW.dividedBy(2).plus(BUCKET.multipliedBy(3))); // the first amount has left, the second not

        assertThat(node().rateWindows().current(key, WINDOW)).isEqualTo(3);
        assertThat(otherNode().rateWindows().tryConsume(key, 2, 5, WINDOW)).isInstanceOf(RateDecision.Allowed.class);
        assertThat(node().rateWindows().tryConsume(key, 1, 5, WINDOW)).isInstanceOf(RateDecision.Limited.class);
    }

    @Test
    default void startsAfreshAfterLongIdleness() {
        String key = key("idle");
        node().rateWindows().tryConsume(key, 5, 5, WINDOW);

        passTime(WINDOW.multipliedBy(3));

        assertThat(otherNode().rateWindows().current(key, WINDOW)).isZero();
        assertThat(otherNode().rateWindows().tryConsume(key, 5, 5, WINDOW)).isInstanceOf(RateDecision.Allowed.class);
        assertThat(node().rateWindows().current(key, WINDOW)).isEqualTo(5);
    }
}
