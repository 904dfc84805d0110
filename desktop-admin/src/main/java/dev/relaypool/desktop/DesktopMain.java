package dev.relaypool.desktop;

import javafx.application.Application;

/**
 * Entry point of the desktop admin app. It does not extend {@link Application} on purpose: with JavaFX on the
 * class path (not the module path) the launcher refuses a main class that is an Application subclass.
 */
public final class DesktopMain {
    private DesktopMain() {}

    public static void main(String[] args) {
        Application.launch(App.class, args);
    }
}
