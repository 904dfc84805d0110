package dev.relaypool.server.coordination;

import dev.relaypool.server.coordination.local.LocalCoordination;
import dev.relaypool.server.testing.TestClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** The contract in-process: one node is the whole cluster, and time is a clock the test moves. */
class LocalCoordinationTest extends CoordinationContract {
    private final TestClock clock = new TestClock(Instant.parse("2026-03-01T12:00:00Z"));

    @Override
    protected Coordination startNode() {
        return new LocalCoordination(clock);
    }

    @Override
    protected Coordination startPeer(Coordination first) {
        return first;
    }

    @Override
    public void passTime(Duration duration) {
        clock.advance(duration);
    }

    @Override
    public Clock clock() {
        return clock;
    }
}
