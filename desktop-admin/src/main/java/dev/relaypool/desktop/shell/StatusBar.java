package dev.relaypool.desktop.shell;

import atlantafx.base.theme.Styles;
import dev.relaypool.desktop.common.Icons;
import dev.relaypool.desktop.session.ConnectionState;
import javafx.geometry.Pos;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.geometry.Orientation;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.shape.Circle;
import org.kordamp.ikonli.feather.Feather;

/** Bottom line of the window: connection state (with a retry link while unreachable), server, signed-in user. */
final class StatusBar extends HBox {
    StatusBar(ShellViewModel viewModel) {
        super(10);
        getStyleClass().add("status-bar");
        setAlignment(Pos.CENTER_LEFT);

        Circle dot = new Circle(4);
        dot.getStyleClass().add("status-dot");
        Label connection = new Label();
        connection.setId("connectionStatus");
        connection.setGraphic(dot);
        connection.textProperty().bind(viewModel.connectionTextProperty());
        viewModel.connectionStateProperty().subscribe(state -> {
            connection.getStyleClass().removeAll("state-connected", "state-unreachable", "state-expired", "state-signed-out");
            connection.getStyleClass().add(switch (state) {
                case CONNECTED -> "state-connected";
                case UNREACHABLE -> "state-unreachable";
                case SESSION_EXPIRED -> "state-expired";
                case SIGNED_OUT -> "state-signed-out";
            });
        });
        Hyperlink retry = new Hyperlink("Retry now");
        retry.setId("retryNow");
        retry.setOnAction(e -> viewModel.retryNow());
        retry.visibleProperty().bind(viewModel.connectionStateProperty().isEqualTo(ConnectionState.UNREACHABLE));
        retry.managedProperty().bind(retry.visibleProperty());

        Label server = new Label(null, Icons.of(Feather.GLOBE, 12));
        server.setId("statusServer");
        server.textProperty().bind(viewModel.serverTextProperty());
        Label user = new Label(null, Icons.of(Feather.USER, 12));
        user.setId("statusUser");
        user.textProperty().bind(viewModel.userTextProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        for (Label label : new Label[] {connection, server, user}) {
            label.getStyleClass().add(Styles.TEXT_SMALL);
        }
        getChildren().addAll(connection, retry, new Separator(Orientation.VERTICAL), server, spacer, user);
    }
}
