package dev.relaypool.desktop;

import dev.relaypool.desktop.api.AdminApi;
import dev.relaypool.desktop.common.Async;
import dev.relaypool.desktop.common.BackgroundExecutor;
import dev.relaypool.desktop.common.Themes;
import dev.relaypool.desktop.common.UiExecutor;
import dev.relaypool.desktop.connect.ConnectView;
import dev.relaypool.desktop.connect.ConnectViewModel;
import dev.relaypool.desktop.dashboard.DashboardView;
import dev.relaypool.desktop.dashboard.DashboardViewModel;
import dev.relaypool.desktop.placeholder.PlaceholderView;
import dev.relaypool.desktop.prefs.PrefsStore;
import dev.relaypool.desktop.reauth.ReauthView;
import dev.relaypool.desktop.reauth.ReauthViewModel;
import dev.relaypool.desktop.session.Backoff;
import dev.relaypool.desktop.session.Session;
import dev.relaypool.desktop.shell.Screen;
import dev.relaypool.desktop.shell.ShellView;
import dev.relaypool.desktop.shell.ShellViewModel;
import java.time.Clock;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;

/**
 * Wires the desktop app by hand: API client, session, ViewModels and Views. The JavaFX {@link App}, the TestFX
 * tests and the screenshot run all build the window through this one class.
 */
public final class Desktop {
    private final AdminApi api;
    private final Async async;
    private final Session session;
    private final ShellViewModel shell;
    private final ShellView root;
    private DashboardViewModel dashboard;

    public Desktop(AdminApi api, PrefsStore prefs, BackgroundExecutor background, UiExecutor ui, Clock clock) {
        this.api = api;
        this.async = new Async(background, ui);
        this.session = new Session(api, async, clock, Backoff.standard());
        this.shell = new ShellViewModel(session, prefs, clock.getZone());
        ConnectView connect = new ConnectView(new ConnectViewModel(session, prefs));
        ReauthView reauth = new ReauthView(new ReauthViewModel(session));
        this.root = new ShellView(shell, this::screen, connect, reauth);
    }

    private Node screen(Screen screen) {
        return switch (screen) {
            case DASHBOARD -> {
                dashboard = new DashboardViewModel(session, api, async);
                dashboard.reload();
                yield new DashboardView(dashboard);
            }
            case ACCOUNTS, KEYS, USERS, GROUPS, REDEEM_CODES, SUBSCRIPTIONS, PRICES, USAGE, SETTINGS ->
                    new PlaceholderView(screen.title(), screen.icon(), screen.summary());
        };
    }

    public Parent root() {
        return root;
    }

    public Session session() {
        return session;
    }

    public ShellViewModel shell() {
        return shell;
    }

    /** Adds the app's stylesheet to the scene and follows the theme the operator picks. */
    public void style(Scene scene) {
        Themes.addAppStylesheet(scene);
        shell.themeProperty().subscribe(Themes::apply);
    }
}
