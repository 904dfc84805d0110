package dev.relaypool.desktop.dashboard;

import dev.relaypool.desktop.api.AdminApi;
import dev.relaypool.desktop.api.AdminResources;
import dev.relaypool.desktop.api.ApiResult;
import dev.relaypool.desktop.api.UserInfo;
import dev.relaypool.desktop.common.Async;
import dev.relaypool.desktop.common.Messages;
import dev.relaypool.desktop.session.ConnectionState;
import dev.relaypool.desktop.session.Session;
import java.net.URI;
import java.time.Clock;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The first screen after sign-in: who is signed in and whether the server is ready, the live figures and feed
 * ({@link LiveModel}) and the charts ({@link ChartsModel}).
 */
public final class DashboardViewModel {
    private final Session session;
    private final AdminApi api;
    private final Async async;
    private final StringProperty greeting = new SimpleStringProperty("");
    private final StringProperty account = new SimpleStringProperty("");
    private final StringProperty role = new SimpleStringProperty("");
    private final StringProperty server = new SimpleStringProperty("");
    private final StringProperty readiness = new SimpleStringProperty("");
    private final StringProperty twoFactor = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");
    private final BooleanProperty loading = new SimpleBooleanProperty(false);
    private final LiveModel live;
    private final ChartsModel charts;

    public DashboardViewModel(Session session, AdminApi api, AdminResources resources, Async async, Clock clock) {
        this.session = session;
        this.api = api;
        this.async = async;
        this.live = new LiveModel(session, resources, async, clock);
        this.charts = new ChartsModel(session, resources.usage(), clock);
        session.userProperty().addListener((obs, old, user) -> show(user));
        session.stateProperty().addListener((obs, old, state) -> {
            if (state == ConnectionState.SIGNED_OUT) {
                live.stop();
            } else if (state == ConnectionState.CONNECTED && old != ConnectionState.CONNECTED) {
                reload();
            }
        });
        show(session.userProperty().get());
    }

    public StringProperty greetingProperty() { return greeting; }
    public StringProperty accountProperty() { return account; }
    public StringProperty roleProperty() { return role; }
    public StringProperty serverProperty() { return server; }
    public StringProperty readinessProperty() { return readiness; }
    public StringProperty twoFactorProperty() { return twoFactor; }
    public StringProperty errorProperty() { return error; }
    public BooleanProperty loadingProperty() { return loading; }
    public LiveModel live() { return live; }
    public ChartsModel charts() { return charts; }

    public void reload() {
        URI at = session.serverProperty().get();
        if (at == null || loading.get()) {
            return;
        }
        loading.set(true);
        error.set("");
        server.set(shortAddress(at));
        session.call(token -> api.me(at, token), result -> {
            loading.set(false);
            if (result instanceof ApiResult.Ok<UserInfo>(UserInfo user)) {
                show(user);
            } else {
                error.set(Messages.of(result, at));
            }
        });
        async.run(() -> api.ready(at), this::showReadiness, bug -> readiness.set("Unknown"));
        live.start();
        charts.load();
    }

    private void showReadiness(ApiResult<Boolean> result) {
        readiness.set(switch (result) {
            case ApiResult.Ok<Boolean>(Boolean ready) -> ready ? "Ready" : "Starting or degraded";
            case ApiResult.Unreachable<Boolean> unreachable -> "Unreachable";
            case ApiResult.Unauthorized<Boolean> unauthorized -> "Unknown";
            case ApiResult.Failed<Boolean>(int status, String message) -> "Error " + status;
        });
    }

    private void show(UserInfo user) {
        if (user == null) {
            return;
        }
        greeting.set("Welcome, " + user.displayName());
        account.set(user.email());
        role.set(user.role().isEmpty() ? "" : Character.toUpperCase(user.role().charAt(0)) + user.role().substring(1));
        twoFactor.set(user.totpEnabled() ? "On" : "Off");
        URI at = session.serverProperty().get();
        server.set(at == null ? "" : shortAddress(at));
    }

    /** "relay.example.com" or "10.0.0.5:8080/relay": the scheme and trailing slash add nothing on a tile. */
    static String shortAddress(URI server) {
        String path = server.getPath() == null ? "" : server.getPath().replaceAll("/+$", "");
        return server.getAuthority() + path;
    }
}
