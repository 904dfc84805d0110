package dev.relaypool.desktop.dashboard;

import atlantafx.base.theme.Styles;
import dev.relaypool.desktop.common.Forms;
import dev.relaypool.desktop.common.Icons;
import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.TilePane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;

/** Live figures, charts, account health and the request feed, above the signed-in user and server state. */
public final class DashboardView extends ScrollPane {
    public DashboardView(DashboardViewModel viewModel) {
        LiveModel live = viewModel.live();
        Label greeting = new Label();
        greeting.setId("greeting");
        greeting.textProperty().bind(viewModel.greetingProperty());
        greeting.getStyleClass().add(Styles.TITLE_3);
        Label badge = new Label();
        badge.setId("liveStatus");
        badge.textProperty().bind(live.statusProperty());
        badge.getStyleClass().add("live-badge");
        live.statusProperty().subscribe(text -> badge.pseudoClassStateChanged(
                javafx.css.PseudoClass.getPseudoClass("live"), "Live".equals(text)));
        Button reload = new Button("_Refresh", Icons.of(Feather.REFRESH_CW));
        reload.setId("reloadDashboard");
        reload.setMnemonicParsing(true);
        reload.disableProperty().bind(viewModel.loadingProperty());
        reload.setOnAction(e -> viewModel.reload());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(12, greeting, badge, spacer, reload);
        header.setAlignment(Pos.CENTER_LEFT);

        TilePane figures = new TilePane(12, 12,
                tile(Feather.ACTIVITY, "Requests / min", live.requestsPerMinuteProperty(), null, "requestsPerMinute"),
                tile(Feather.CPU, "Tokens / min", live.tokensPerMinuteProperty(), live.tokenBucketsProperty(), "tokensPerMinute"),
                tile(Feather.DOLLAR_SIGN, "Cost today", live.costTodayProperty(), null, "costToday"),
                tile(Feather.ALERT_TRIANGLE, "Errors, last hour", live.errorsProperty(), null, "errorsLastHour"),
                tile(Feather.SHUFFLE, "Concurrency in use", live.concurrencyProperty(), null, "concurrencyInUse"),
                tile(Feather.CLOCK, "Queue depth", live.queueDepthProperty(), null, "queueDepth"));
        figures.setPrefColumns(6);
        figures.setPrefTileWidth(200);

        HBox lower = new HBox(16, new HealthList(live), new FeedTable(live));
        HBox.setHgrow(lower.getChildren().get(1), Priority.ALWAYS);

        TilePane about = new TilePane(12, 12,
                tile(Feather.USER, "Signed in as", viewModel.accountProperty(), null, "accountTile"),
                tile(Feather.AWARD, "Role", viewModel.roleProperty(), null, "roleTile"),
                tile(Feather.GLOBE, "Server", viewModel.serverProperty(), null, "serverTile"),
                tile(Feather.HEART, "Server status", viewModel.readinessProperty(), null, "readinessTile"),
                tile(Feather.SHIELD, "Two-factor sign-in", viewModel.twoFactorProperty(), null, "totpTile"));
        about.setPrefColumns(5);
        about.setPrefTileWidth(200);

        VBox content = new VBox(16, header, Forms.errorLabel(viewModel.errorProperty()), figures,
                new ChartsPane(viewModel.charts()), lower, about);
        content.getStyleClass().add("screen");
        setContent(content);
        setFitToWidth(true);
        getStyleClass().add("dashboard");
    }

    private static VBox tile(Ikon icon, String caption, ObservableStringValue value, ObservableStringValue detail, String id) {
        Label name = new Label(caption, Icons.of(icon));
        name.getStyleClass().addAll(Styles.TEXT_MUTED, "tile-caption");
        Label shown = new Label();
        shown.setId(id);
        shown.textProperty().bind(value);
        shown.getStyleClass().addAll(Styles.TEXT_BOLD, "tile-value");
        VBox box = new VBox(6, name, shown);
        if (detail != null) {
            Label more = new Label();
            more.textProperty().bind(detail);
            more.setWrapText(true);
            more.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
            box.getChildren().add(more);
        }
        box.getStyleClass().add("dashboard-tile");
        return box;
    }
}
