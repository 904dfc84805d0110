package dev.relaypool.server.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.model.admin.LiveAccountState;
import dev.relaypool.server.coordination.local.LocalCoordination;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The event hub: cluster delivery through broadcasts, the bounded ring, resuming, slow listeners. */
class LiveEventsTest {

    @Test
    void anEventPublishedOnOneNodeReachesTheListenersOfEveryNode() throws Exception {
        try (LocalCoordination cluster = new LocalCoordination(Clock.systemUTC());
             LiveEvents nodeA = new LiveEvents(cluster.broadcasts(), 10);
             LiveEvents nodeB = new LiveEvents(cluster.broadcasts(), 10);
             LiveEvents.Listener onB = nodeB.listen(0)) {
            nodeA.publish("account", new LiveAccountState(7, "error", "boom", null, Instant.EPOCH));

            LiveEvent received = onB.queue.poll(5, TimeUnit.SECONDS);

            assertThat(received).isNotNull();
            assertThat(received.type()).isEqualTo("account");
            assertThat(received.json()).contains("\"accountId\":7").contains("\"change\":\"error\"");
            assertThat(received.wire()).startsWith("id: 1\nevent: account\ndata: {").endsWith("}\n\n");
        }
    }

    @Test
    void resumesFromTheRingAndReplaysAllForAnIdItNeverIssued() {
        EventRing ring = new EventRing(3);
        for (int i = 1; i <= 5; i++) {
            ring.append("request", "{\"n\":" + i + "}");
        }

        assertThat(ring.after(3)).extracting(LiveEvent::id).containsExactly(4L, 5L);
        assertThat(ring.after(0)).extracting(LiveEvent::id).containsExactly(3L, 4L, 5L);
        assertThat(ring.nextId()).isEqualTo(6);
    }

    @Test
    void localSnapshotsAreNotKeptForResumingAndASlowListenerIsDropped() {
        try (LocalCoordination cluster = new LocalCoordination(Clock.systemUTC());
             LiveEvents events = new LiveEvents(cluster.broadcasts(), 10)) {
            LiveEvents.Listener slow = events.listen(0);
            for (int i = 0; i <= LiveEvents.LISTENER_QUEUE; i++) {
                events.local("snapshot", java.util.Map.of("n", i), false);
            }

            assertThat(slow.overflowed()).isTrue();
            assertThat(events.listenerCount()).isZero();
            assertThat(events.listen(1).backlog).isEmpty();
        }
    }

    @Test
    void aStreamSendsHeartbeatsWhileIdleAndEndsAtItsMaximumLife() throws Exception {
        try (LocalCoordination cluster = new LocalCoordination(Clock.systemUTC());
             LiveEvents events = new LiveEvents(cluster.broadcasts(), 10)) {
            EventStreamRoute route = new EventStreamRoute(events, Duration.ofMillis(50), Duration.ofMillis(300));
            var request = new dev.relaypool.server.api.ApiRequest<Void>(null, java.util.Optional.empty(),
                    java.util.Map.of(), java.util.Map.of(), java.util.Map.of(), "127.0.0.1", "", false);
            var response = route.routes().getFirst().handler().handle(cast(request));
            var out = new java.io.ByteArrayOutputStream();

            ((dev.relaypool.server.api.ApiResponse.Streamed) response.body()).body().writeTo(out);

            assertThat(out.toString()).startsWith("retry: 3000\n: connected\n\n").contains(": heartbeat\n\n");
            assertThat(events.listenerCount()).isZero();
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> dev.relaypool.server.api.ApiRequest<T> cast(dev.relaypool.server.api.ApiRequest<?> request) {
        return (dev.relaypool.server.api.ApiRequest<T>) request;
    }
}
