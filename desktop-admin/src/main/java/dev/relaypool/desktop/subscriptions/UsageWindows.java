package dev.relaypool.desktop.subscriptions;

import atlantafx.base.theme.Styles;
import dev.relaypool.desktop.common.Formatting;
import dev.relaypool.model.member.SubscriptionProgress;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneId;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/** The selected subscription's spend in its daily, weekly and monthly windows, against the group's limits. */
final class UsageWindows extends VBox {
    private final GridPane grid = new GridPane(10, 8);
    private final Label title = new Label("Usage");
    private final Label empty = new Label("Select a subscription to see its spend against the group's limits.");
    private final ZoneId zone;

    UsageWindows(ObservableValue<SubscriptionProgress> progress, ZoneId zone) {
        super(10);
        this.zone = zone;
        title.getStyleClass().add(Styles.TITLE_4);
        empty.setWrapText(true);
        empty.getStyleClass().add(Styles.TEXT_MUTED);
        getStyleClass().add("side-panel");
        setId("subscriptionUsage");
        setPrefWidth(320);
        setMinWidth(280);
        getChildren().addAll(title, empty, grid);
        progress.subscribe(this::show);
    }

    private void show(SubscriptionProgress p) {
        grid.getChildren().clear();
        empty.setVisible(p == null);
        empty.setManaged(p == null);
        title.setText(p == null ? "Usage" : "Usage of " + p.groupName());
        if (p == null) {
            return;
        }
        row(0, "Daily", p.dailyUsageUsd(), p.dailyLimitUsd(), p.dailyResetsAt());
        row(1, "Weekly", p.weeklyUsageUsd(), p.weeklyLimitUsd(), p.weeklyResetsAt());
        row(2, "Monthly", p.monthlyUsageUsd(), p.monthlyLimitUsd(), p.monthlyResetsAt());
        Label ends = new Label("Ends " + Formatting.stamp(p.expiresAt(), zone));
        ends.getStyleClass().add(Styles.TEXT_MUTED);
        grid.add(ends, 0, 6, 2, 1);
    }

    private void row(int index, String name, BigDecimal used, BigDecimal limit, Instant resetsAt) {
        Label label = new Label(name);
        label.getStyleClass().add(Styles.TEXT_BOLD);
        Label amount = new Label(Formatting.money(used) + (limit == null ? " (no limit)" : " of " + Formatting.money(limit)));
        ProgressBar bar = new ProgressBar(fraction(used, limit));
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.setId("window-" + name.toLowerCase(java.util.Locale.ROOT));
        if (limit != null && used.compareTo(limit) >= 0) {
            bar.getStyleClass().add(Styles.DANGER);
        }
        Label reset = new Label(resetsAt == null ? "window starts at the next request" : "resets " + Formatting.stamp(resetsAt, zone));
        reset.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        grid.add(label, 0, index * 2);
        grid.add(amount, 1, index * 2);
        grid.add(bar, 0, index * 2 + 1, 1, 1);
        grid.add(reset, 1, index * 2 + 1);
        GridPane.setFillWidth(bar, true);
    }

    /** Share of the limit used, 0..1; no limit shows an empty bar. */
    static double fraction(BigDecimal used, BigDecimal limit) {
        if (limit == null || limit.signum() == 0) {
            return 0;
        }
        return used.divide(limit, 4, RoundingMode.HALF_UP).min(BigDecimal.ONE).doubleValue();
    }
}
