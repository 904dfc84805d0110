package dev.relaypool.server.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.relaypool.server.api.Json;
import dev.relaypool.server.coordination.Broadcasts;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArraySet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live event hub of one node. Events seen on a node ({@link #publish}) travel through the cluster broadcast
 * and are numbered and kept in a bounded ring on every node as they arrive, then handed to this node's listeners.
 * Node-local observations that every node makes by itself (snapshots, cooldown changes seen by polling) use
 * {@link #local} instead, so they are not delivered twice. Event ids are per node: {@code Last-Event-ID} resumes
 * on the same node; on another node an unknown id replays the whole ring.
 */
public final class LiveEvents implements AutoCloseable {
    static final String TOPIC = "relaypool.live-events";
    private static final Logger log = LoggerFactory.getLogger(LiveEvents.class);
    /** Events queued per listener; a listener that falls this far behind is dropped (it reconnects and resumes). */
    static final int LISTENER_QUEUE = 1_000;

    private final Broadcasts broadcasts;
    private final EventRing ring;
    private final Set<Listener> listeners = new CopyOnWriteArraySet<>();
    private final Broadcasts.Subscription subscription;

    public LiveEvents(Broadcasts broadcasts, int ringCapacity) {
        this.broadcasts = broadcasts;
        this.ring = new EventRing(ringCapacity);
        this.subscription = broadcasts.subscribe(TOPIC, this::received);
    }

    /** Sends an event to every node of the cluster (this one included). Never throws. */
    public void publish(String type, Object data) {
        try {
            ObjectNode message = Json.MAPPER.createObjectNode().put("type", type);
            message.set("data", Json.MAPPER.valueToTree(data));
            broadcasts.publish(TOPIC, Json.MAPPER.writeValueAsString(message));
        } catch (JsonProcessingException | RuntimeException e) {
            log.warn("Live event {} not published: {}", type, e.toString());
        }
    }

    /** Delivers an event to this node's listeners only; {@code keep} false for periodic ones not worth resuming. */
    public void local(String type, Object data, boolean keep) {
        String json;
        try {
            json = Json.MAPPER.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("live event data is not serialisable", e);
        }
        deliver(keep ? ring.append(type, json) : new LiveEvent(0, type, json));
    }

    private void received(String message) {
        try {
            JsonNode node = Json.MAPPER.readTree(message);
            deliver(ring.append(node.path("type").asText("unknown"), Json.MAPPER.writeValueAsString(node.path("data"))));
        } catch (JsonProcessingException e) {
            log.warn("Ignoring a malformed live event broadcast");
        }
    }

    private void deliver(LiveEvent event) {
        for (Listener listener : listeners) {
            if (!listener.queue.offer(event)) {
                listener.overflowed = true;
                listeners.remove(listener);
            }
        }
    }

    /** A listener from now on, with the kept events after {@code lastEventId} (0 = none) as its backlog. */
    public Listener listen(long lastEventId) {
        Listener listener = new Listener();
        listeners.add(listener);
        long resumeFrom = lastEventId >= ring.nextId() ? 0 : lastEventId;
        listener.backlog = lastEventId <= 0 ? List.of() : ring.after(resumeFrom);
        return listener;
    }

    public int listenerCount() {
        return listeners.size();
    }

    @Override
    public void close() {
        subscription.close();
        listeners.clear();
    }

    /** One SSE client's queue. Events in the backlog may also be queued; compare ids to skip those. */
    public final class Listener implements AutoCloseable {
        final BlockingQueue<LiveEvent> queue = new ArrayBlockingQueue<>(LISTENER_QUEUE);
        volatile boolean overflowed;
        List<LiveEvent> backlog = List.of();

        public boolean overflowed() {
            return overflowed;
        }

        @Override
        public void close() {
            listeners.remove(this);
        }
    }
}
