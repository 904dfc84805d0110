package dev.relaypool.desktop.dashboard;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.relaypool.desktop.common.Formatting;
import java.time.ZoneId;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The newest relayed requests first, as the event stream reports them; failed ones stand out. */
final class FeedTable extends VBox {
    FeedTable(LiveModel live) {
        super(8);
        Label title = new Label("Live requests");
        title.getStyleClass().add(Styles.TITLE_4);
        TableView<FeedRow> table = new TableView<>(live.feed());
        table.setId("liveFeed");
        table.getStyleClass().addAll(Styles.DENSE, Tweaks.EDGE_TO_EDGE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("Requests appear here as members use the relay."));
        ZoneId zone = ZoneId.systemDefault();
        table.getColumns().addAll(
                column("Time", r -> Formatting.time(r.at(), zone)),
                column("User", FeedRow::user),
                column("Key", FeedRow::key),
                column("Model", FeedRow::model),
                column("Tokens", FeedRow::tokens),
                column("Cost", FeedRow::cost),
                column("Latency", FeedRow::latency),
                column("Status", r -> Integer.toString(r.status())));
        table.setRowFactory(view -> new TableRow<>() {
            @Override
            protected void updateItem(FeedRow row, boolean empty) {
                super.updateItem(row, empty);
                pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("failed"), !empty && row != null && row.status() >= 400);
            }
        });
        table.setPrefHeight(260);
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().addAll(title, table);
        getStyleClass().add("dashboard-panel");
    }

    private static TableColumn<FeedRow, String> column(String title, Function<FeedRow, String> value) {
        TableColumn<FeedRow, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        column.setSortable(false);
        return column;
    }
}
