package dev.relaypool.desktop.prefs;

/** Where the main window was when it closed. */
public record WindowBounds(double x, double y, double width, double height, boolean maximized) {
    public static final WindowBounds DEFAULT = new WindowBounds(Double.NaN, Double.NaN, 1180, 760, false);

    public WindowBounds {
        width = Math.max(width, 640);
        height = Math.max(height, 420);
    }

    public boolean hasPosition() {
        return !Double.isNaN(x) && !Double.isNaN(y);
    }
}
