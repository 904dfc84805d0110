package dev.relaypool.desktop.shell;

import dev.relaypool.desktop.api.UserInfo;
import dev.relaypool.desktop.prefs.PrefsStore;
import dev.relaypool.desktop.prefs.Theme;
import dev.relaypool.desktop.session.ConnectionState;
import dev.relaypool.desktop.session.Session;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/** The main window around the screens: which screen is shown, the theme, and the status bar's words. */
public final class ShellViewModel {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final Session session;
    private final ObjectProperty<Screen> screen;
    private final ObjectProperty<Theme> theme;
    private final BooleanBinding signedIn;
    private final StringBinding serverText;
    private final StringBinding connectionText;
    private final StringBinding userText;

    public ShellViewModel(Session session, PrefsStore prefs, ZoneId zone) {
        this.session = session;
        screen = new SimpleObjectProperty<>(Screen.parse(prefs.get().lastScreen()));
        theme = new SimpleObjectProperty<>(prefs.get().theme());
        screen.addListener((obs, old, chosen) -> prefs.update(p -> p.withLastScreen(chosen.name())));
        theme.addListener((obs, old, chosen) -> prefs.update(p -> p.withTheme(chosen)));
        // an expired or unreachable session still counts as signed in: the screens stay where they are
        signedIn = Bindings.notEqual(session.stateProperty(), ConnectionState.SIGNED_OUT);
        serverText = Bindings.createStringBinding(() -> {
            URI server = session.serverProperty().get();
            return server == null ? "" : server.getAuthority();
        }, session.serverProperty());
        connectionText = Bindings.createStringBinding(
                () -> describe(session.stateProperty().get(), session.nextProbeAtProperty().get(), zone),
                session.stateProperty(), session.nextProbeAtProperty());
        userText = Bindings.createStringBinding(() -> {
            UserInfo user = session.userProperty().get();
            return user == null ? "" : user.displayName() + " (" + user.role() + ")";
        }, session.userProperty());
    }

    static String describe(ConnectionState state, Instant nextProbe, ZoneId zone) {
        return switch (state) {
            case SIGNED_OUT -> "Not signed in";
            case CONNECTED -> "Connected";
            case UNREACHABLE -> nextProbe == null ? "Server unreachable"
                    : "Server unreachable, next try at " + TIME.format(nextProbe.atZone(zone));
            case SESSION_EXPIRED -> "Session expired, sign in again";
        };
    }

    public ObjectProperty<Screen> screenProperty() { return screen; }
    public ObjectProperty<Theme> themeProperty() { return theme; }
    public BooleanBinding signedInProperty() { return signedIn; }
    public StringBinding serverTextProperty() { return serverText; }
    public StringBinding connectionTextProperty() { return connectionText; }
    public StringBinding userTextProperty() { return userText; }
    public ReadOnlyObjectProperty<ConnectionState> connectionStateProperty() { return session.stateProperty(); }

    public void show(Screen chosen) {
        screen.set(chosen);
    }

    public void toggleTheme() {
        theme.set(theme.get() == Theme.LIGHT ? Theme.DARK : Theme.LIGHT);
    }

    public void retryNow() {
        session.retryNow();
    }

    public void signOut() {
        session.signOut();
    }
}
