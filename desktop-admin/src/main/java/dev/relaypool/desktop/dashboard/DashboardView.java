package dev.relaypool.desktop.dashboard;

import atlantafx.base.controls.Message;
import atlantafx.base.theme.Styles;
import dev.relaypool.desktop.common.Forms;
import dev.relaypool.desktop.common.Icons;
import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.TilePane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;

/** Tiles with the signed-in user and the server's state. */
public final class DashboardView extends VBox {
    public DashboardView(DashboardViewModel viewModel) {
        super(18);
        getStyleClass().add("screen");

        Label greeting = new Label();
        greeting.setId("greeting");
        greeting.textProperty().bind(viewModel.greetingProperty());
        greeting.getStyleClass().add(Styles.TITLE_3);
        Button reload = new Button("_Refresh", Icons.of(Feather.REFRESH_CW));
        reload.setId("reloadDashboard");
        reload.setMnemonicParsing(true);
        reload.disableProperty().bind(viewModel.loadingProperty());
        reload.setOnAction(e -> viewModel.reload());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(12, greeting, spacer, reload);
        header.setAlignment(Pos.CENTER_LEFT);

        TilePane tiles = new TilePane(16, 16,
                tile(Feather.USER, "Signed in as", viewModel.accountProperty(), "accountTile"),
                tile(Feather.AWARD, "Role", viewModel.roleProperty(), "roleTile"),
                tile(Feather.GLOBE, "Server", viewModel.serverProperty(), "serverTile"),
                tile(Feather.ACTIVITY, "Server status", viewModel.readinessProperty(), "readinessTile"),
                tile(Feather.SHIELD, "Two-factor sign-in", viewModel.twoFactorProperty(), "totpTile"));
        tiles.setPrefColumns(3);
        tiles.setPrefTileWidth(280);

        Message next = new Message("More is coming",
                "Accounts, keys, users, groups, prices and usage get their screens as the admin API grows. "
                        + "Use Ctrl+1 to Ctrl+9 to move between screens.",
                Icons.of(Feather.INFO));
        next.getStyleClass().add(Styles.ACCENT);
        next.setMaxWidth(872);

        getChildren().addAll(header, Forms.errorLabel(viewModel.errorProperty()), tiles, next);
    }

    private static VBox tile(Ikon icon, String caption, ObservableStringValue value, String id) {
        Label name = new Label(caption, Icons.of(icon));
        name.getStyleClass().addAll(Styles.TEXT_MUTED, "tile-caption");
        Label shown = new Label();
        shown.setId(id);
        shown.textProperty().bind(value);
        shown.getStyleClass().addAll(Styles.TEXT_BOLD, "tile-value");
        VBox box = new VBox(8, name, shown);
        box.getStyleClass().add("dashboard-tile");
        return box;
    }
}
