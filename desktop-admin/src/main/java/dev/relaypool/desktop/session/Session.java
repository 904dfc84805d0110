package dev.relaypool.desktop.session;

import dev.relaypool.desktop.api.AdminApi;
import dev.relaypool.desktop.api.ApiResult;
import dev.relaypool.desktop.api.AuthTokens;
import dev.relaypool.desktop.api.LoginOutcome;
import dev.relaypool.desktop.api.LoginRequest;
import dev.relaypool.desktop.api.UserInfo;
import dev.relaypool.desktop.common.Async;
import dev.relaypool.desktop.common.Cancellable;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signed-in session: tokens (in memory only), the user, and the connection state the status bar shows.
 * Confined to the UI thread; HTTP calls go through {@link Async}. Access tokens are refreshed shortly before
 * they expire and whenever the server answers 401; calls waiting on a refresh, an outage or a new password are
 * held and replayed, so the screen that made them never has to start over.
 */
public final class Session {
    private static final Logger LOG = LoggerFactory.getLogger(Session.class);
    /** Calls held for a refresh, a reconnection or a new password; beyond this, new ones get their failure at once. */
    private static final int MAX_HELD_CALLS = 100;

    private final AdminApi api;
    private final Async async;
    private final Clock clock;
    private final Backoff backoff;
    private final ReadOnlyObjectWrapper<ConnectionState> state = new ReadOnlyObjectWrapper<>(ConnectionState.SIGNED_OUT);
    private final ReadOnlyObjectWrapper<UserInfo> user = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<URI> server = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Instant> nextProbeAt = new ReadOnlyObjectWrapper<>();
    private final List<Runnable> held = new ArrayList<>();

    private AuthTokens tokens;
    /** The access token for long-lived background readers (the live stream), which cannot wait for the UI thread. */
    private volatile String currentAccessToken;
    private String email;
    private boolean refreshing;
    private int probeAttempt;
    private Cancellable refreshTimer = Cancellable.NONE;
    private Cancellable probeTimer = Cancellable.NONE;

    public Session(AdminApi api, Async async, Clock clock, Backoff backoff) {
        this.api = api;
        this.async = async;
        this.clock = clock;
        this.backoff = backoff;
    }

    public ReadOnlyObjectProperty<ConnectionState> stateProperty() { return state.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<UserInfo> userProperty() { return user.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<URI> serverProperty() { return server.getReadOnlyProperty(); }
    /** When the next reconnection attempt happens while {@link ConnectionState#UNREACHABLE}; null otherwise. */
    public ReadOnlyObjectProperty<Instant> nextProbeAtProperty() { return nextProbeAt.getReadOnlyProperty(); }
    public String email() { return email; }

    public void signIn(URI serverUri, String loginEmail, String password, String totpCode, Consumer<LoginOutcome> onDone) {
        LoginRequest request = new LoginRequest(loginEmail, password, totpCode);
        async.run(() -> api.login(serverUri, request), outcome -> {
            if (outcome instanceof LoginOutcome.SignedIn(AuthTokens granted)) {
                server.set(serverUri);
                email = loginEmail;
                accept(granted);
                replayHeld();
            }
            onDone.accept(outcome);
        }, bug -> onDone.accept(new LoginOutcome.Failed(0, "unexpected error: " + bug)));
    }

    /** Signs in again with the same server and email after {@link ConnectionState#SESSION_EXPIRED}. */
    public void reauthenticate(String password, String totpCode, Consumer<LoginOutcome> onDone) {
        signIn(server.get(), email, password, totpCode, onDone);
    }

    /**
     * Runs an authenticated call. {@code request} gets the access token and runs in the background; {@code onDone}
     * gets the result on the UI thread, after at most one silent refresh-and-retry on 401.
     */
    public <T> void call(Function<String, ApiResult<T>> request, Consumer<ApiResult<T>> onDone) {
        send(request, onDone, false);
    }

    /** {@link #call} for requests that also need the server address. */
    public <T> void callServer(java.util.function.BiFunction<URI, String, ApiResult<T>> request, Consumer<ApiResult<T>> onDone) {
        URI at = server.get();
        send(token -> request.apply(at, token), onDone, false);
    }

    private <T> void send(Function<String, ApiResult<T>> request, Consumer<ApiResult<T>> onDone, boolean retried) {
        if (tokens == null) {
            if (state.get() == ConnectionState.SESSION_EXPIRED) {
                hold(() -> send(request, onDone, retried), () -> onDone.accept(new ApiResult.Unauthorized<>()));
            } else {
                onDone.accept(new ApiResult.Unauthorized<>());
            }
            return;
        }
        String accessToken = tokens.accessToken();
        async.run(() -> request.apply(accessToken), result -> {
            switch (result) {
                case ApiResult.Unauthorized<T> unauthorized when !retried -> {
                    if (tokens != null && !tokens.accessToken().equals(accessToken)) {
                        send(request, onDone, true); // refreshed meanwhile
                    } else {
                        hold(() -> send(request, onDone, true), () -> onDone.accept(result));
                        refresh();
                    }
                }
                case ApiResult.Unreachable<T> unreachable -> {
                    lostConnection();
                    onDone.accept(result);
                }
                default -> {
                    if (state.get() == ConnectionState.UNREACHABLE) {
                        reconnected();
                    }
                    onDone.accept(result);
                }
            }
        }, bug -> onDone.accept(new ApiResult.Failed<>(0, "unexpected error: " + bug)));
    }

    /** The current access token from any thread ("" when signed out); for the live stream's reconnections. */
    public String accessTokenNow() {
        String token = currentAccessToken;
        return token == null ? "" : token;
    }

    /** A background reader was refused with this token: refresh now (a no-op if one is running or it changed). */
    public void tokenRejected(String token) {
        if (tokens != null && tokens.accessToken().equals(token)) {
            refresh();
        }
    }

    private void refresh() {
        if (refreshing || tokens == null) {
            return;
        }
        refreshing = true;
        URI at = server.get();
        String refreshToken = tokens.refreshToken();
        async.run(() -> api.refresh(at, refreshToken), outcome -> {
            refreshing = false;
            switch (outcome) {
                case LoginOutcome.SignedIn(AuthTokens granted) -> {
                    accept(granted);
                    replayHeld();
                }
                case LoginOutcome.Rejected r -> expire();
                case LoginOutcome.TotpRequired t -> expire();
                case LoginOutcome.TooManyAttempts(Duration wait) -> scheduleRefresh(wait);
                case LoginOutcome.Unreachable u -> lostConnection();
                case LoginOutcome.Failed f -> lostConnection(); // a server in trouble: probe until it answers again
            }
        }, bug -> {
            refreshing = false;
            expire();
        });
    }

    private void accept(AuthTokens granted) {
        tokens = granted;
        currentAccessToken = granted.accessToken();
        user.set(granted.user());
        probeTimer.cancel();
        nextProbeAt.set(null);
        state.set(ConnectionState.CONNECTED);
        Duration left = Duration.between(clock.instant(), granted.accessTokenExpiresAt());
        scheduleRefresh(refreshDelay(left));
    }

    /** Refresh when a fifth of the lifetime (at most a minute) is left, so a call never carries a stale token. */
    static Duration refreshDelay(Duration left) {
        Duration margin = left.dividedBy(5);
        if (margin.compareTo(Duration.ofMinutes(1)) > 0) {
            margin = Duration.ofMinutes(1);
        }
        Duration delay = left.minus(margin);
        return delay.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : delay;
    }

    private void scheduleRefresh(Duration delay) {
        refreshTimer.cancel();
        refreshTimer = async.later(delay, this::refresh);
    }

    private void expire() {
        LOG.info("session at {} expired; asking for the password again", server.get());
        tokens = null;
        currentAccessToken = null;
        refreshTimer.cancel();
        probeTimer.cancel();
        nextProbeAt.set(null);
        state.set(ConnectionState.SESSION_EXPIRED);
    }

    private void lostConnection() {
        if (state.get() != ConnectionState.CONNECTED) {
            return;
        }
        LOG.info("server {} unreachable; probing with back-off", server.get());
        state.set(ConnectionState.UNREACHABLE);
        probeAttempt = 0;
        scheduleProbe();
    }

    private void scheduleProbe() {
        Duration delay = backoff.delay(probeAttempt++);
        nextProbeAt.set(clock.instant().plus(delay));
        probeTimer = async.later(delay, this::probe);
    }

    /** Tries to reach the server now instead of waiting for the next scheduled attempt. */
    public void retryNow() {
        if (state.get() == ConnectionState.UNREACHABLE) {
            probeTimer.cancel();
            probe();
        }
    }

    private void probe() {
        URI at = server.get();
        async.run(() -> api.ready(at), result -> {
            if (state.get() != ConnectionState.UNREACHABLE) {
                return; // signed out or recovered meanwhile
            }
            if (result instanceof ApiResult.Ok<Boolean>(Boolean ready) && ready) {
                reconnected();
            } else {
                scheduleProbe();
            }
        }, bug -> scheduleProbe());
    }

    private void reconnected() {
        LOG.info("server {} reachable again", server.get());
        probeTimer.cancel();
        nextProbeAt.set(null);
        state.set(ConnectionState.CONNECTED);
        boolean stale = tokens != null && !clock.instant().isBefore(tokens.accessTokenExpiresAt());
        if (stale || !held.isEmpty()) {
            refresh();
        }
    }

    private void hold(Runnable call, Runnable drop) {
        if (held.size() >= MAX_HELD_CALLS) {
            drop.run();
        } else {
            held.add(call);
        }
    }

    private void replayHeld() {
        List<Runnable> calls = List.copyOf(held);
        held.clear();
        calls.forEach(Runnable::run);
    }

    public void signOut() {
        AuthTokens ending = tokens;
        URI at = server.get();
        tokens = null;
        currentAccessToken = null;
        held.clear();
        refreshTimer.cancel();
        probeTimer.cancel();
        nextProbeAt.set(null);
        user.set(null);
        state.set(ConnectionState.SIGNED_OUT);
        if (ending != null) {
            async.run(() -> {
                api.logout(at, ending.refreshToken());
                return null;
            }, ignored -> {}, bug -> {});
        }
    }
}
