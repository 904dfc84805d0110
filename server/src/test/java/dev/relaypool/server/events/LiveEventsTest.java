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
             LiveEvents.Listener onB = nodeB.listen("")) {
            nodeA.publish("account", new LiveAccountState(7, "error", "boom", null, Instant.EPOCH));

            LiveEvent received = onB.queue.poll(5, TimeUnit.SECONDS);

            assertThat(received).isNotNull();
            assertThat(received.type()).isEqualTo("account");
            assertThat(received.json()).contains("\"accountId\":7").contains("\"change\":\"error\"");
            assertThat(received.wire()).matches("(?s)id: [0-9a-f]{8}-1\nevent: account\ndata: \\{.*\\}\n\n");
        }
    }

    @Test
    void resumesFromTheRingAndReplaysAllForAnIdItDoesNotHold() {
        EventRing ring = new EventRing(3);
        for (int i = 1; i <= 5; i++) {
            ring.append((i % 2 == 0 ? "aaaaaaaa-" : "bbbbbbbb-") + i, "request", "{\"n\":" + i + "}");
        }

        assertThat(ring.after("bbbbbbbb-3")).extracting(LiveEvent::id).containsExactly("aaaaaaaa-4", "bbbbbbbb-5");
        assertThat(ring.after("aaaaaaaa-2")).extracting(LiveEvent::id)
                .containsExactly("bbbbbbbb-3", "aaaaaaaa-4", "bbbbbbbb-5");
        assertThat(ring.after("bbbbbbbb-5")).isEmpty();
    }

    @Test
    void aClientResumesOnAnotherNodeFromTheIdTheFirstNodeGave() throws Exception {
        try (LocalCoordination cluster = new LocalCoordination(Clock.systemUTC());
             LiveEvents nodeA = new LiveEvents(cluster.broadcasts(), 10);
             LiveEvents nodeB = new LiveEvents(cluster.broadcasts(), 10);
             LiveEvents.Listener onA = nodeA.listen("");
             LiveEvents.Listener onB = nodeB.listen("")) {
            // publishing is asynchronous and two nodes have no order between them: each waits for the one before
            nodeB.publish("request", java.util.Map.of("n", 1));
            LiveEvent first = onA.queue.poll(5, TimeUnit.SECONDS);
            assertThat(onB.queue.poll(5, TimeUnit.SECONDS)).isNotNull();
            nodeA.publish("request", java.util.Map.of("n", 2));
            assertThat(onB.queue.poll(5, TimeUnit.SECONDS)).isNotNull();
            nodeB.publish("request", java.util.Map.of("n", 3));
            assertThat(onB.queue.poll(5, TimeUnit.SECONDS)).isNotNull(); // all three are in B's ring now

            try (LiveEvents.Listener resumedOnB = nodeB.listen(first.id())) {
                assertThat(resumedOnB.backlog).extracting(LiveEvent::json).containsExactly("{\"n\":2}", "{\"n\":3}");
            }
        }
    }

    @Test
    void localSnapshotsAreNotKeptForResumingAndASlowListenerIsDropped() {
        try (LocalCoordination cluster = new LocalCoordination(Clock.systemUTC());
             LiveEvents events = new LiveEvents(cluster.broadcasts(), 10)) {
            LiveEvents.Listener slow = events.listen("");
            for (int i = 0; i <= LiveEvents.LISTENER_QUEUE; i++) {
                events.local("snapshot", java.util.Map.of("n", i), false);
            }

            assertThat(slow.overflowed()).isTrue();
            assertThat(events.listenerCount()).isZero();
            assertThat(events.listen("00000000-1").backlog).isEmpty();
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

    @Test
    void eventsPublishedTogetherTravelAsFewBroadcastsInOrderEachWithItsOwnId() throws Exception {
        try (LocalCoordination cluster = new LocalCoordination(Clock.systemUTC())) {
            java.util.concurrent.atomic.AtomicInteger broadcastsSent = new java.util.concurrent.atomic.AtomicInteger();
            dev.relaypool.server.coordination.Broadcasts counting = new dev.relaypool.server.coordination.Broadcasts() {
                @Override
                public void publish(String topic, String message) {
                    broadcastsSent.incrementAndGet();
                    cluster.broadcasts().publish(topic, message);
                }

                @Override
                public Subscription subscribe(String topic, java.util.function.Consumer<String> listener) {
                    return cluster.broadcasts().subscribe(topic, listener);
                }
            };
            try (LiveEvents nodeA = new LiveEvents(counting, 1_000);
                 LiveEvents nodeB = new LiveEvents(cluster.broadcasts(), 1_000);
                 LiveEvents.Listener onB = nodeB.listen("")) {
                for (int n = 1; n <= 600; n++) {
                    nodeA.publish("request", java.util.Map.of("n", n));
                }
                java.util.List<LiveEvent> received = new java.util.ArrayList<>();
                for (int i = 0; i < 600; i++) {
                    LiveEvent event = onB.queue.poll(5, TimeUnit.SECONDS);
                    assertThat(event).as("event %d", i + 1).isNotNull();
                    received.add(event);
                }

                assertThat(received).extracting(LiveEvent::json)
                        .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 600).mapToObj(n -> "{\"n\":" + n + "}").toList());
                assertThat(received).extracting(LiveEvent::id).doesNotHaveDuplicates()
                        .allMatch(id -> id.matches("[0-9a-f]{8}-\\d+"));
                assertThat(received.getLast().id()).endsWith("-600");
                assertThat(broadcastsSent.get()).as("broadcasts for 600 events").isLessThan(100);
            }
        }
    }

    @Test
    void readsABroadcastsEventsAsWrittenAndRewritesOnlyDataThatIsNotOneLine() throws Exception {
        try (LocalCoordination cluster = new LocalCoordination(Clock.systemUTC());
             LiveEvents node = new LiveEvents(cluster.broadcasts(), 10);
             LiveEvents.Listener listener = node.listen("")) {
            cluster.broadcasts().publish(LiveEvents.TOPIC, "not json");
            cluster.broadcasts().publish(LiveEvents.TOPIC, """
                    [{"id":"0000abcd-7","type":"request","extra":{"x":[1]},"data":{"n":1,"s":"a\\nb"}},
                     42,
                     {"type":"account","data":{
                       "n": 2
                     }}]""");

            LiveEvent first = listener.queue.poll(5, TimeUnit.SECONDS);
            LiveEvent second = listener.queue.poll(5, TimeUnit.SECONDS);

            assertThat(first).isNotNull();
            assertThat(first.id()).isEqualTo("0000abcd-7");
            assertThat(first.type()).isEqualTo("request");
            assertThat(first.json()).isEqualTo("{\"n\":1,\"s\":\"a\\nb\"}"); // as written, escape included
            assertThat(second).isNotNull();
            assertThat(second.type()).isEqualTo("account");
            assertThat(second.json()).isEqualTo("{\"n\":2}"); // written again on one line
            assertThat(second.id()).as("no id given: this node numbers it").matches("[0-9a-f]{8}-\\d+");
            assertThat(listener.queue.poll(200, TimeUnit.MILLISECONDS)).as("nothing from the malformed ones").isNull();
        }
    }
}
