package dev.relaypool.desktop.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.desktop.api.LoginOutcome;
import dev.relaypool.desktop.common.ScreenContext;
import dev.relaypool.desktop.screenshots.DemoResources;
import dev.relaypool.desktop.session.Backoff;
import dev.relaypool.desktop.session.Session;
import java.net.URI;
import java.time.Instant;

/** A signed-in session against the in-memory admin server, with executors that run everything directly. */
public final class ScreenFixture {
    public static final URI SERVER = URI.create("http://127.0.0.1:9/");

    public final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
    public final ManualExecutors executors = new ManualExecutors(clock);
    public final StubAdminApi auth = new StubAdminApi(clock);
    public final Session session = new Session(auth, executors.async(), clock, Backoff.standard());
    public final DemoResources server = new DemoResources(clock).seeded();
    public final ScreenContext context = new ScreenContext(session, server.resources(), executors.async(), clock);

    public ScreenFixture() {
        session.signIn(SERVER, StubAdminApi.ADMIN.email(), StubAdminApi.PASSWORD, null,
                outcome -> assertThat(outcome).isInstanceOf(LoginOutcome.SignedIn.class));
    }
}
