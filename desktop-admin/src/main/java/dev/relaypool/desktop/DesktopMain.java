package dev.relaypool.desktop;

/** Entry point of the desktop admin app (placeholder until the app lands). */
public final class DesktopMain {
    private DesktopMain() {}

    public static void main(String[] args) {
        System.out.println("desktop app: not yet implemented");
    }
}
