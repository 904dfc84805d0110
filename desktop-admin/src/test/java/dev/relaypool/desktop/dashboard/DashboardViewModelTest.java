package dev.relaypool.desktop.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.desktop.api.LoginOutcome;
import dev.relaypool.desktop.reauth.ReauthViewModel;
import dev.relaypool.desktop.session.Backoff;
import dev.relaypool.desktop.session.ConnectionState;
import dev.relaypool.desktop.session.Session;
import dev.relaypool.desktop.testing.ManualExecutors;
import dev.relaypool.desktop.testing.MutableClock;
import dev.relaypool.desktop.testing.StubAdminApi;
import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DashboardViewModelTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
    private final ManualExecutors executors = new ManualExecutors(clock);
    private final StubAdminApi api = new StubAdminApi(clock);
    private final Session session = new Session(api, executors.async(), clock, Backoff.standard());
    private final DashboardViewModel dashboard = new DashboardViewModel(session, api, resources.resources(), executors.async(), clock);

    private void signIn() {
        session.signIn(URI.create("http://127.0.0.1:9/"), StubAdminApi.ADMIN.email(), StubAdminApi.PASSWORD, null, outcome -> {
            assertThat(outcome).isInstanceOf(LoginOutcome.SignedIn.class);
        });
    }

    @Test
    void showsTheSignedInUserAndServerState() {
        signIn();

        assertThat(dashboard.greetingProperty().get()).isEqualTo("Welcome, Ada Admin");
        assertThat(dashboard.accountProperty().get()).isEqualTo("admin@example.com");
        assertThat(dashboard.roleProperty().get()).isEqualTo("Admin");
        assertThat(dashboard.readinessProperty().get()).isEqualTo("Ready");
        assertThat(dashboard.twoFactorProperty().get()).isEqualTo("Off");
    }

    @Test
    void expiredSessionKeepsTheScreenAndFinishesLoadingAfterThePasswordIsGivenAgain() {
        signIn();
        ReauthViewModel reauth = new ReauthViewModel(session);
        api.revokeAccessToken();
        api.refreshRejected = true;

        dashboard.reload();

        assertThat(reauth.showingProperty().get()).isTrue();
        assertThat(dashboard.loadingProperty().get()).isTrue();
        assertThat(dashboard.errorProperty().get()).isEmpty();

        reauth.passwordProperty().set("wrong");
        reauth.submit();
        assertThat(reauth.errorProperty().get()).isEqualTo("The email or password is not right.");

        reauth.passwordProperty().set(StubAdminApi.PASSWORD);
        reauth.submit();

        assertThat(reauth.showingProperty().get()).isFalse();
        assertThat(reauth.passwordProperty().get()).isEmpty();
        assertThat(session.stateProperty().get()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(dashboard.loadingProperty().get()).isFalse();
        assertThat(dashboard.greetingProperty().get()).isEqualTo("Welcome, Ada Admin");
    }

    @Test
    void serverDownShowsAnErrorAndTheUnreachableState() {
        signIn();
        api.down = true;

        dashboard.reload();

        assertThat(dashboard.errorProperty().get()).startsWith("Cannot reach the server at http://127.0.0.1:9/");
        assertThat(dashboard.readinessProperty().get()).isEqualTo("Unreachable");
        assertThat(session.stateProperty().get()).isEqualTo(ConnectionState.UNREACHABLE);
    }
}
