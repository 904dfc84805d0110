package dev.relaypool.desktop.placeholder;

import atlantafx.base.theme.Styles;
import dev.relaypool.desktop.common.Icons;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;

/** Stands in for a screen whose admin API has not landed yet, and says so plainly. */
public final class PlaceholderView extends VBox {
    public PlaceholderView(String title, Ikon icon, String summary) {
        super(12);
        getStyleClass().add("placeholder-view");
        setAlignment(Pos.CENTER);
        Label symbol = new Label(null, Icons.of(icon, 48));
        symbol.getStyleClass().add("placeholder-icon");
        Label heading = new Label(title);
        heading.getStyleClass().add(Styles.TITLE_3);
        Label what = new Label(summary);
        what.getStyleClass().add(Styles.TEXT_MUTED);
        Label when = new Label("This screen is on its way: it arrives together with its part of the admin API.");
        when.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        getChildren().addAll(symbol, heading, what, when);
    }
}
