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
import dev.relaypool.desktop.api.ServerEvent;
import dev.relaypool.desktop.screenshots.DemoResources;
import dev.relaypool.model.member.KeyView;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DashboardViewModelTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
    private final ManualExecutors executors = new ManualExecutors(clock);
    private final StubAdminApi api = new StubAdminApi(clock);
    private final Session session = new Session(api, executors.async(), clock, Backoff.standard());
    private final DemoResources resources = new DemoResources(clock).seeded();
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
        resources.down = true;

        dashboard.reload();

        assertThat(dashboard.errorProperty().get()).startsWith("Cannot reach the server at http://127.0.0.1:9/");
        assertThat(dashboard.readinessProperty().get()).isEqualTo("Unreachable");
        assertThat(session.stateProperty().get()).isEqualTo(ConnectionState.UNREACHABLE);
    }

    private static ServerEvent request(String id, Instant at, int status, String cost) {
        return new ServerEvent(id, "request", """
                {"requestId":"%s","userId":2,"keyId":1,"groupId":1,"accountId":1,"model":"claude-sonnet-4","platform":"anthropic",
                 "status":%d,"inputTokens":1000,"outputTokens":200,"cacheWriteTokens":0,"cacheReadTokens":3000,
                 "cost":%s,"latencyMs":850,"ttftMs":300,"at":"%s"}""".formatted(id, status, cost, at));
    }

    @Test
    void liveRequestsShowInTheFeedWithNamesAndMoveTheFigures() {
        signIn();
        assertThat(dashboard.live().statusProperty().get()).isEqualTo("Live");
        executors.advance(Duration.ofSeconds(1)); // requests at or before the seed are already counted in it

        resources.emit(request("r1", clock.instant(), 200, "0.0042"));
        resources.emit(request("r2", clock.instant(), 429, "0"));

        FeedRow newest = dashboard.live().feed().getFirst();
        assertThat(newest.requestId()).isEqualTo("r2");
        assertThat(dashboard.live().feed().get(1).user()).isEqualTo("alan@example.com");
        assertThat(dashboard.live().feed().get(1).key()).isEqualTo("laptop");
        assertThat(dashboard.live().feed().get(1).cost()).isEqualTo("$0.0042");
        assertThat(dashboard.live().requestsPerMinuteProperty().get()).isEqualTo("2");
        assertThat(dashboard.live().tokensPerMinuteProperty().get()).isEqualTo("8.4k");
        assertThat(dashboard.live().errorsProperty().get()).isEqualTo("9"); // the 429 and the 8 the server counted in the last hour
        executors.advance(Duration.ofSeconds(61));
        assertThat(dashboard.live().requestsPerMinuteProperty().get()).isEqualTo("0");
    }

    @Test
    void accountHealthFollowsCooldownEventsAndCountsDown() {
        signIn();
        AccountHealth a = dashboard.live().accounts().getFirst();
        assertThat(a.summary(clock.instant())).isEqualTo("Active");

        resources.emit(new ServerEvent("9", "account", """
                {"accountId":1,"change":"cooldown_set","reason":"rate limited","until":"%s","at":"%s"}"""
                .formatted(clock.instant().plusSeconds(90), clock.instant())));

        assertThat(dashboard.live().accounts().getFirst().summary(clock.instant()))
                .isEqualTo("Cooling down, 1:30 left (rate limited)");
        executors.advance(Duration.ofSeconds(91));
        assertThat(dashboard.live().accounts().getFirst().state()).isEqualTo(AccountHealth.State.ACTIVE);
    }

    @Test
    void snapshotsSetConcurrencyAndQueueDepth() {
        signIn();
        resources.emit(new ServerEvent("10", "snapshot", """
                {"at":"%s","accounts":[{"accountId":1,"inUse":3,"limit":3,"coolingDown":false}],"queueDepth":4}"""
                .formatted(clock.instant())));

        assertThat(dashboard.live().concurrencyProperty().get()).isEqualTo("3 / 9");
        assertThat(dashboard.live().queueDepthProperty().get()).isEqualTo("4");
    }

    @Test
    void aClockTickAlreadyOnTheUiQueueWhenSigningOutDoesNotStartTheClockAgain() {
        java.util.ArrayDeque<Runnable> uiQueue = new java.util.ArrayDeque<>();
        DashboardViewModel queued = new DashboardViewModel(session, api, resources.resources(),
                new dev.relaypool.desktop.common.Async(executors, uiQueue::add), clock);
        signIn();
        runAll(uiQueue);
        assertThat(queued.live().statusProperty().get()).isEqualTo("Live");
        executors.advance(Duration.ofSeconds(1)); // the timer fires: the next tick now waits its turn on the UI thread
        assertThat(uiQueue).isNotEmpty();

        session.signOut();
        runAll(uiQueue);

        assertThat(queued.live().statusProperty().get()).isEqualTo("Off");
        assertThat(executors.pending()).as("timers left running after signing out").isZero();
    }

    private static void runAll(java.util.ArrayDeque<Runnable> queue) {
        for (int i = 0; i < 1000 && !queue.isEmpty(); i++) {
            queue.poll().run();
        }
    }

    @Test
    void signingOutClosesTheStream() {
        signIn();
        session.signOut();
        assertThat(dashboard.live().statusProperty().get()).isEqualTo("Off");
    }

    @Test
    void accountHealthShowsTheFiveHourWindowUntilItResets() {
        signIn();

        assertThat(dashboard.live().fiveHour(1)).hasValueSatisfying(w -> {
            assertThat(w.used()).isEqualTo(0.42);
            assertThat(w.label()).isEqualTo("42% used, resets in 1h 35m");
        });
        assertThat(dashboard.live().fiveHour(2)).hasValueSatisfying(w -> assertThat(w.warning()).isTrue());
        assertThat(dashboard.live().fiveHour(3)).isEmpty();
        for (int minute = 0; minute < 21; minute++) { // advance runs at most 1000 ticks at a time
            executors.advance(Duration.ofMinutes(1));
        }
        assertThat(dashboard.live().fiveHour(2)).hasValueSatisfying(w -> {
            assertThat(w.label()).isEqualTo("reset");
            assertThat(w.used()).isZero();
        });
    }

    @Test
    void aKeyCreatedAfterTheDashboardOpenedShowsItsName() {
        signIn();
        KeyView first = resources.keys.getFirst();
        resources.keys.add(new KeyView(9, first.userId(), first.groupId(), first.groupName(), "new laptop", "rp_77aa",
                "active", null, null, java.math.BigDecimal.ZERO, clock.instant(), clock.instant()));

        resources.emit(new ServerEvent("11", "request", request("r9", clock.instant(), 200, "0.01").data().replace("\"keyId\":1", "\"keyId\":9")));

        assertThat(dashboard.live().feed().getFirst().key()).isEqualTo("new laptop");
    }
}
