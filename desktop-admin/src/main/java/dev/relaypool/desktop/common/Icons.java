package dev.relaypool.desktop.common;

import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;

/** Font icons (Ikonli, Feather pack) sized for the places they appear. */
public final class Icons {
    private Icons() {}

    public static FontIcon of(Ikon icon) {
        return FontIcon.of(icon, 16);
    }

    public static FontIcon of(Ikon icon, int size) {
        return FontIcon.of(icon, size);
    }
}
