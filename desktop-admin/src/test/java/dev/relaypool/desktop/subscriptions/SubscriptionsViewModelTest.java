package dev.relaypool.desktop.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.desktop.testing.ScreenFixture;
import dev.relaypool.model.admin.SubscriptionView;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SubscriptionsViewModelTest {
    private final ScreenFixture fx = new ScreenFixture();
    private final SubscriptionsViewModel subscriptions = new SubscriptionsViewModel(fx.context);

    @Test
    void assigningNeedsUserGroupAndDays() {
        subscriptions.load();
        subscriptions.startAssign();
        subscriptions.assign(() -> {});
        assertThat(subscriptions.formErrorProperty().get()).isEqualTo("Choose the user.");
        subscriptions.userProperty().set(subscriptions.users().get(2));
        subscriptions.daysProperty().set("0");
        subscriptions.assign(() -> {});
        assertThat(subscriptions.formErrorProperty().get()).isEqualTo("Days is a whole number from 1 to 3660.");
        subscriptions.daysProperty().set("14");
        boolean[] closed = {false};

        subscriptions.assign(() -> closed[0] = true);

        assertThat(closed[0]).isTrue();
        SubscriptionView made = fx.server.subscriptions.getLast();
        assertThat(made.userId()).isEqualTo(3);
        assertThat(made.expiresAt()).isEqualTo(fx.clock.instant().plus(Duration.ofDays(14)));
        assertThat(subscriptions.action().noticeProperty().get()).isEqualTo("ada@example.com has 14 more days of claude-pro-plan.");
        assertThat(subscriptions.list().items()).hasSize(3);
    }

    @Test
    void selectedSubscriptionShowsSpendAgainstTheGroupLimitsWithResetTimes() {
        subscriptions.load();
        assertThat(subscriptions.email(subscriptions.list().items().getFirst().userId())).isEqualTo("alan@example.com");

        subscriptions.selectedProperty().set(subscriptions.list().items().getFirst());

        var progress = subscriptions.progressProperty().get();
        assertThat(progress.dailyUsageUsd()).isEqualByComparingTo("3.10");
        assertThat(progress.dailyLimitUsd()).isEqualByComparingTo("5");
        assertThat(progress.dailyResetsAt()).isEqualTo(Instant.parse("2026-01-01T17:00:00Z"));
        assertThat(UsageWindows.fraction(progress.dailyUsageUsd(), progress.dailyLimitUsd())).isEqualTo(0.62);
        assertThat(UsageWindows.fraction(new BigDecimal("9"), progress.dailyLimitUsd())).isEqualTo(1.0);
        assertThat(UsageWindows.fraction(BigDecimal.ONE, null)).isZero();

        subscriptions.selectedProperty().set(null);
        assertThat(subscriptions.progressProperty().get()).isNull();
    }

    @Test
    void extendMovesTheEndAndRevokeCancels() {
        subscriptions.load();
        SubscriptionView first = subscriptions.list().items().getFirst();
        subscriptions.extendDaysProperty().set("soon");
        subscriptions.extend(first);
        assertThat(subscriptions.action().errorProperty().get()).startsWith("Extend by a whole number of days");
        subscriptions.extendDaysProperty().set("-3");

        subscriptions.extend(first);

        assertThat(subscriptions.list().items().getFirst().expiresAt()).isEqualTo(first.expiresAt().minus(Duration.ofDays(3)));

        subscriptions.revoke(first);

        assertThat(subscriptions.list().items().getFirst().status()).isEqualTo("cancelled");
        assertThat(subscriptions.action().noticeProperty().get()).isEqualTo("alan@example.com's claude-pro-plan is cancelled.");
    }
}
