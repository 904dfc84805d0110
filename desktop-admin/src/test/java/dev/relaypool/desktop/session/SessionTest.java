package dev.relaypool.desktop.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.desktop.api.ApiResult;
import dev.relaypool.desktop.api.LoginOutcome;
import dev.relaypool.desktop.api.UserInfo;
import dev.relaypool.desktop.testing.ManualExecutors;
import dev.relaypool.desktop.testing.MutableClock;
import dev.relaypool.desktop.testing.StubAdminApi;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionTest {
    private static final URI SERVER = URI.create("http://127.0.0.1:9/");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
    private final ManualExecutors executors = new ManualExecutors(clock);
    private final StubAdminApi api = new StubAdminApi(clock);
    private final Session session = new Session(api, executors.async(), clock, Backoff.standard());
    private final List<ApiResult<UserInfo>> results = new ArrayList<>();

    private void signIn() {
        List<LoginOutcome> outcomes = new ArrayList<>();
        session.signIn(SERVER, StubAdminApi.ADMIN.email(), StubAdminApi.PASSWORD, null, outcomes::add);
        assertThat(outcomes).singleElement().isInstanceOf(LoginOutcome.SignedIn.class);
    }

    private void callMe() {
        session.call(token -> api.me(SERVER, token), results::add);
    }

    @Test
    void signingInConnectsAndShowsTheUser() {
        signIn();

        assertThat(session.stateProperty().get()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(session.userProperty().get().displayName()).isEqualTo("Ada Admin");
        assertThat(session.serverProperty().get()).isEqualTo(SERVER);
    }

    @Test
    void refreshesSilentlyBeforeTheAccessTokenExpires() {
        signIn();

        executors.advance(Duration.ofMinutes(14).plusSeconds(1)); // 15-minute token, refreshed a minute early

        assertThat(api.count("refresh")).isEqualTo(1);
        callMe();
        assertThat(results).singleElement().isInstanceOf(ApiResult.Ok.class);
        assertThat(api.count("me")).isEqualTo(1);
    }

    @Test
    void refreshesAndRetriesOnceWhenTheServerAnswers401() {
        signIn();
        api.revokeAccessToken();

        callMe();

        assertThat(results).singleElement().isEqualTo(new ApiResult.Ok<>(StubAdminApi.ADMIN));
        assertThat(api.calls).containsExactly("login", "me", "refresh", "me");
        assertThat(session.stateProperty().get()).isEqualTo(ConnectionState.CONNECTED);
    }

    @Test
    void refusedRefreshExpiresTheSessionAndReplaysTheCallAfterThePasswordIsGivenAgain() {
        signIn();
        api.revokeAccessToken();
        api.refreshRejected = true;

        callMe();

        assertThat(session.stateProperty().get()).isEqualTo(ConnectionState.SESSION_EXPIRED);
        assertThat(results).isEmpty(); // the screen keeps waiting rather than showing an error

        List<LoginOutcome> again = new ArrayList<>();
        session.reauthenticate(StubAdminApi.PASSWORD, null, again::add);

        assertThat(again).singleElement().isInstanceOf(LoginOutcome.SignedIn.class);
        assertThat(session.stateProperty().get()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(results).singleElement().isEqualTo(new ApiResult.Ok<>(StubAdminApi.ADMIN));
    }

    @Test
    void lostServerIsProbedWithBackoffAndTheSessionCarriesOnWhenItReturns() {
        signIn();
        api.down = true;

        callMe();

        assertThat(session.stateProperty().get()).isEqualTo(ConnectionState.UNREACHABLE);
        assertThat(session.nextProbeAtProperty().get()).isEqualTo(clock.instant().plusSeconds(1));
        executors.advance(Duration.ofSeconds(1 + 2 + 4));
        assertThat(api.count("ready")).isEqualTo(3);
        assertThat(session.nextProbeAtProperty().get()).isEqualTo(clock.instant().plusSeconds(8));

        api.down = false;
        executors.advance(Duration.ofSeconds(8));

        assertThat(session.stateProperty().get()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(session.userProperty().get()).isEqualTo(StubAdminApi.ADMIN);
        callMe();
        assertThat(results.getLast()).isEqualTo(new ApiResult.Ok<>(StubAdminApi.ADMIN));
    }

    @Test
    void retryNowProbesAtOnce() {
        signIn();
        api.down = true;
        callMe();
        api.down = false;

        session.retryNow();

        assertThat(session.stateProperty().get()).isEqualTo(ConnectionState.CONNECTED);
    }

    @Test
    void signingOutForgetsTheTokensAndStopsTimers() {
        signIn();

        session.signOut();

        assertThat(session.stateProperty().get()).isEqualTo(ConnectionState.SIGNED_OUT);
        assertThat(session.userProperty().get()).isNull();
        assertThat(api.count("logout")).isEqualTo(1);
        assertThat(executors.pending()).isZero();
        callMe();
        assertThat(results).singleElement().isInstanceOf(ApiResult.Unauthorized.class);
    }

    @Test
    void refreshDelayLeavesAFifthOfTheLifetimeCappedAtAMinute() {
        assertThat(Session.refreshDelay(Duration.ofMinutes(15))).isEqualTo(Duration.ofMinutes(14));
        assertThat(Session.refreshDelay(Duration.ofSeconds(60))).isEqualTo(Duration.ofSeconds(48));
        assertThat(Session.refreshDelay(Duration.ofSeconds(-5))).isEqualTo(Duration.ofSeconds(1));
    }
}
