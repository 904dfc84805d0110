package dev.relaypool.desktop.subscriptions;

import atlantafx.base.theme.Styles;
import dev.relaypool.desktop.common.Formatting;
import dev.relaypool.model.member.SubscriptionProgress;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The selected subscription's spend in its daily, weekly and monthly windows, against the group's limits. */
final class UsageWindows extends VBox {
    private final HBox windows = new HBox(24);
    private final Label title = new Label("Usage");
    private final Label empty = new Label("Select a subscription to see its spend against the group's limits.");
    private final ZoneId zone;

    UsageWindows(ObservableValue<SubscriptionProgress> progress, ZoneId zone) {
        super(10);
        this.zone = zone;
        title.getStyleClass().add(Styles.TITLE_4);
        empty.getStyleClass().add(Styles.TEXT_MUTED);
        getStyleClass().add("side-panel");
        setId("subscriptionUsage");
        getChildren().addAll(title, empty, windows);
        progress.subscribe(this::show);
    }

    private void show(SubscriptionProgress p) {
        windows.getChildren().clear();
        empty.setVisible(p == null);
        empty.setManaged(p == null);
        title.setText(p == null ? "Usage" : "Usage of " + p.groupName() + ", ends " + Formatting.stamp(p.expiresAt(), zone));
        if (p == null) {
            return;
        }
        windows.getChildren().addAll(window("Daily", p.dailyUsageUsd(), p.dailyLimitUsd(), p.dailyResetsAt()),
                window("Weekly", p.weeklyUsageUsd(), p.weeklyLimitUsd(), p.weeklyResetsAt()),
                window("Monthly", p.monthlyUsageUsd(), p.monthlyLimitUsd(), p.monthlyResetsAt()));
    }

    private VBox window(String name, BigDecimal used, BigDecimal limit, Instant resetsAt) {
        Label label = new Label(name + ": " + Formatting.money(used) + (limit == null ? " (no limit)" : " of " + Formatting.money(limit)));
        label.getStyleClass().add(Styles.TEXT_BOLD);
        ProgressBar bar = new ProgressBar(fraction(used, limit));
        bar.setPrefWidth(220);
        bar.setMinHeight(8);
        bar.setId("window-" + name.toLowerCase(Locale.ROOT));
        if (limit != null && used.compareTo(limit) >= 0) {
            bar.getStyleClass().add(Styles.DANGER);
        }
        Label reset = new Label(resetsAt == null ? "window starts at the next request" : "resets " + Formatting.stamp(resetsAt, zone));
        reset.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        VBox box = new VBox(6, label, bar, reset);
        HBox.setHgrow(box, Priority.ALWAYS);
        box.setMaxWidth(Double.MAX_VALUE);
        return box;
    }

    /** Share of the limit used, 0..1; no limit shows an empty bar. */
    static double fraction(BigDecimal used, BigDecimal limit) {
        if (limit == null || limit.signum() == 0) {
            return 0;
        }
        return used.divide(limit, 4, RoundingMode.HALF_UP).min(BigDecimal.ONE).doubleValue();
    }
}
