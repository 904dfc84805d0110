package dev.relaypool.desktop.dashboard;

import atlantafx.base.theme.Styles;
import java.time.Instant;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;

/** Account health: a dot and words per account, the cooldown countdown, and a bar of concurrency in use. */
final class HealthList extends VBox {
    HealthList(LiveModel live) {
        super(8);
        Label title = new Label("Account health");
        title.getStyleClass().add(Styles.TITLE_4);
        ListView<AccountHealth> list = new ListView<>(live.accounts());
        list.setId("accountHealth");
        list.setPlaceholder(new Label("No accounts yet. Add one on the Accounts screen."));
        list.setCellFactory(view -> new ListCell<>() {
            @Override
            protected void updateItem(AccountHealth account, boolean empty) {
                super.updateItem(account, empty);
                setText(null);
                setGraphic(empty || account == null ? null : cell(account, live));
            }
        });
        live.nowProperty().subscribe(list::refresh);
        list.setPrefWidth(440);
        list.setPrefHeight(260);
        VBox.setVgrow(list, Priority.ALWAYS);
        getChildren().addAll(title, list);
        getStyleClass().add("dashboard-panel");
    }

    private static HBox cell(AccountHealth account, LiveModel live) {
        Instant now = live.nowProperty().get();
        Circle dot = new Circle(5);
        dot.getStyleClass().addAll("health-dot", "health-" + account.state().name().toLowerCase(java.util.Locale.ROOT));
        Label name = new Label(account.name() + "  ·  " + account.platform());
        name.getStyleClass().add(Styles.TEXT_BOLD);
        Label state = new Label(account.summary(now == null ? Instant.now() : now));
        state.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        VBox words = new VBox(2, name, state);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        ProgressBar load = new ProgressBar(account.limit() == 0 ? 0 : (double) account.inUse() / account.limit());
        load.setPrefWidth(70);
        Label loadText = new Label(account.inUse() + "/" + account.limit());
        loadText.getStyleClass().add(Styles.TEXT_SMALL);
        VBox bars = new VBox(2, new HBox(6, load, loadText));
        live.fiveHour(account.id()).ifPresent(w -> {
            ProgressBar window = new ProgressBar(w.used());
            window.setPrefWidth(70);
            if (w.warning()) {
                window.getStyleClass().add(Styles.WARNING);
            }
            Label windowText = new Label("5h " + w.label());
            windowText.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
            bars.getChildren().add(new HBox(6, window, windowText));
        });
        HBox row = new HBox(10, dot, words, spacer, bars);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }
}
