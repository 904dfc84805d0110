package dev.relaypool.desktop.common;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.relaypool.desktop.prefs.Theme;
import java.util.Objects;
import javafx.application.Application;
import javafx.scene.Scene;

/** Applies an AtlantaFX theme (the user-agent stylesheet, so it covers dialogs too) plus the app's own CSS. */
public final class Themes {
    private static final String APP_CSS = Objects.requireNonNull(
            Themes.class.getResource("/dev/relaypool/desktop/desktop.css"), "desktop.css").toExternalForm();

    private Themes() {}

    public static void apply(Theme theme) {
        Application.setUserAgentStylesheet(switch (theme) {
            case LIGHT -> new PrimerLight().getUserAgentStylesheet();
            case DARK -> new PrimerDark().getUserAgentStylesheet();
        });
    }

    public static void addAppStylesheet(Scene scene) {
        if (!scene.getStylesheets().contains(APP_CSS)) {
            scene.getStylesheets().add(APP_CSS);
        }
    }

    /** Dialogs get a scene of their own; give it the app's stylesheet too. */
    public static void style(javafx.scene.control.DialogPane pane, javafx.stage.Window owner) {
        if (!pane.getStylesheets().contains(APP_CSS)) {
            pane.getStylesheets().add(APP_CSS);
        }
    }
}
