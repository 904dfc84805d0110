package dev.relaypool.desktop.common;

import atlantafx.base.theme.Styles;
import javafx.scene.control.Label;

/** Small coloured labels for statuses, so "active", "disabled" and "error" read the same on every screen. */
public final class Badges {
    private Badges() {}

    public static Label status(String status) {
        Label badge = new Label(status == null ? "" : status.replace('_', ' '));
        badge.getStyleClass().add("badge");
        badge.getStyleClass().add(switch (status == null ? "" : status) {
            case "active", "unused", "succeeded" -> Styles.SUCCESS;
            case "error", "revoked", "failed", "expired" -> Styles.DANGER;
            case "cooling down", "disabled", "cancelled", "used" -> Styles.WARNING;
            default -> Styles.ACCENT;
        });
        return badge;
    }
}
