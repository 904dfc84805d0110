package dev.relaypool.desktop;

import dev.relaypool.desktop.api.AdminApi;
import dev.relaypool.desktop.api.AdminResources;
import dev.relaypool.desktop.common.Async;
import dev.relaypool.desktop.common.BackgroundExecutor;
import dev.relaypool.desktop.common.Themes;
import dev.relaypool.desktop.common.UiExecutor;
import dev.relaypool.desktop.accounts.AccountsView;
import dev.relaypool.desktop.accounts.AccountsViewModel;
import dev.relaypool.desktop.common.ScreenContext;
import dev.relaypool.desktop.connect.ConnectView;
import dev.relaypool.desktop.groups.GroupsView;
import dev.relaypool.desktop.groups.GroupsViewModel;
import dev.relaypool.desktop.keys.KeysView;
import dev.relaypool.desktop.prices.PricesView;
import dev.relaypool.desktop.prices.PricesViewModel;
import dev.relaypool.desktop.redeem.RedeemCodesView;
import dev.relaypool.desktop.redeem.RedeemCodesViewModel;
import dev.relaypool.desktop.settings.SettingsView;
import dev.relaypool.desktop.settings.SettingsViewModel;
import dev.relaypool.desktop.subscriptions.SubscriptionsView;
import dev.relaypool.desktop.subscriptions.SubscriptionsViewModel;
import dev.relaypool.desktop.keys.KeysViewModel;
import dev.relaypool.desktop.usage.UsageView;
import dev.relaypool.desktop.usage.UsageViewModel;
import dev.relaypool.desktop.users.UsersView;
import dev.relaypool.desktop.users.UsersViewModel;
import dev.relaypool.desktop.connect.ConnectViewModel;
import dev.relaypool.desktop.dashboard.DashboardView;
import dev.relaypool.desktop.dashboard.DashboardViewModel;
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
    private final AdminResources resources;
    private final Clock clock;
    private final Async async;
    private final Session session;
    private final ShellViewModel shell;
    private final ShellView root;
    private DashboardViewModel dashboard;

    public Desktop(AdminApi api, AdminResources resources, PrefsStore prefs, BackgroundExecutor background, UiExecutor ui,
                   Clock clock) {
        this.api = api;
        this.resources = resources;
        this.clock = clock;
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
                dashboard = new DashboardViewModel(session, api, resources, async, clock);
                dashboard.reload();
                yield new DashboardView(dashboard);
            }
            case ACCOUNTS -> {
                AccountsViewModel accounts = new AccountsViewModel(context());
                accounts.load();
                yield new AccountsView(accounts);
            }
            case KEYS -> {
                KeysViewModel keys = new KeysViewModel(context());
                keys.load();
                yield new KeysView(keys);
            }
            case USERS -> {
                UsersViewModel users = new UsersViewModel(context());
                users.load();
                yield new UsersView(users);
            }
            case USAGE -> {
                UsageViewModel usage = new UsageViewModel(context());
                usage.load();
                yield new UsageView(usage);
            }
            case GROUPS -> {
                GroupsViewModel groups = new GroupsViewModel(context());
                groups.load();
                yield new GroupsView(groups);
            }
            case REDEEM_CODES -> {
                RedeemCodesViewModel codes = new RedeemCodesViewModel(context());
                codes.load();
                yield new RedeemCodesView(codes);
            }
            case SUBSCRIPTIONS -> {
                SubscriptionsViewModel subscriptions = new SubscriptionsViewModel(context());
                subscriptions.load();
                yield new SubscriptionsView(subscriptions);
            }
            case PRICES -> {
                PricesViewModel prices = new PricesViewModel(context());
                prices.load();
                yield new PricesView(prices);
            }
            case SETTINGS -> {
                SettingsViewModel settings = new SettingsViewModel(context());
                settings.load();
                yield new SettingsView(settings);
            }
        };
    }

    private ScreenContext context() {
        return new ScreenContext(session, resources, async, clock);
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
