package dev.relaypool.desktop.screenshots;

import javafx.application.Application;

/**
 * {@code ./relaypool desktop-screenshots [outdir]}: renders every main screen headless (Monocle, software
 * renderer) against a pretend server and saves PNGs, by default into docs/screenshots/desktop.
 */
public final class ScreenshotMain {
    private ScreenshotMain() {}

    public static void main(String[] args) {
        headless("glass.platform", "Monocle");
        headless("monocle.platform", "Headless");
        headless("prism.order", "sw");
        headless("java.awt.headless", "true");
        try {
            Class.forName("com.sun.glass.ui.monocle.MonoclePlatformFactory");
        } catch (ClassNotFoundException e) {
            System.err.println("desktop-screenshots: Monocle (org.testfx:openjfx-monocle) is not on the class path;"
                    + " run it through ./relaypool desktop-screenshots, which adds desktop-admin/target/headless/.");
            System.exit(2);
        }
        Application.launch(ScreenshotApp.class, args);
    }

    private static void headless(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }
}
