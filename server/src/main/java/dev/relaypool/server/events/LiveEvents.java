package dev.relaypool.server.events;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.relaypool.server.api.Json;
import dev.relaypool.server.coordination.Broadcasts;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live event hub of one node. Events seen on a node ({@link #publish}) travel through the cluster broadcast
 * and are numbered and kept in a bounded ring on every node as they arrive, then handed to this node's listeners.
 * Node-local observations that every node makes by itself (snapshots, cooldown changes seen by polling) use
 * {@link #local} instead, so they are not delivered twice. A published event's id is given once, by the node that
 * publishes it (node id + sequence), and travels with it, so {@code Last-Event-ID} resumes on whichever node the
 * client reconnects to; an id a node does not hold (a local event of another node, or one older than the ring)
 * replays that node's whole ring. Events published within the publisher's few-millisecond tick travel together, as
 * one broadcast holding a JSON array of them.
 */
public final class LiveEvents implements AutoCloseable {
    static final String TOPIC = "relaypool.live-events";
    private static final Logger log = LoggerFactory.getLogger(LiveEvents.class);
    /** Events queued per listener; a listener that falls this far behind is dropped (it reconnects and resumes). */
    static final int LISTENER_QUEUE = 1_000;
    private static final Pattern EVENT_ID = Pattern.compile("[0-9a-f]{8}-\\d{1,19}");

    private final Broadcasts broadcasts;
    private final EventRing ring;
    private final Set<Listener> listeners = new CopyOnWriteArraySet<>();
    private final Broadcasts.Subscription subscription;
    /** This node's part of every event id it gives; random, so a restarted node never reuses an old id. */
    private final String nodeId = HexFormat.of().toHexDigits(new SecureRandom().nextInt());
    private final AtomicLong sequence = new AtomicLong();
    /** Events waiting to be published; beyond this many the newest are dropped (live events may be lost). */
    static final int PUBLISH_QUEUE = 10_000;
    /** At most this many events per broadcast. */
    static final int EVENTS_PER_BROADCAST = 256;
    /** Events made by the publisher's tasks, sent after each batch of them (on the publisher thread). */
    private final Queue<String> outgoing = new ConcurrentLinkedQueue<>();
    private final SerialWorker publisher;

    public LiveEvents(Broadcasts broadcasts, int ringCapacity) {
        this.broadcasts = broadcasts;
        this.ring = new EventRing(ringCapacity);
        this.subscription = broadcasts.subscribe(TOPIC, this::received);
        this.publisher = new SerialWorker("relaypool-live-events", PUBLISH_QUEUE, SerialWorker.WhenFull.DROP,
                this::sendOutgoing);
    }

    /**
     * Sends an event to every node of the cluster (this one included), from the publisher thread: the caller never
     * waits for the serialisation or the broadcast (a Redis round trip in a cluster). Never throws.
     */
    public void publish(String type, Object data) {
        publish(type, () -> data);
    }

    /** As {@link #publish(String, Object)}, with the event's data made on the publisher thread too. */
    public void publish(String type, Supplier<?> data) {
        publisher.execute(() -> {
            try {
                // {"id":…,"type":…,"data":…}, the data serialised once
                outgoing.add("{\"id\":" + Json.MAPPER.writeValueAsString(nextId()) + ",\"type\":"
                        + Json.MAPPER.writeValueAsString(type) + ",\"data\":"
                        + Json.MAPPER.writeValueAsString(data.get()) + "}");
            } catch (JsonProcessingException | RuntimeException e) {
                log.warn("Live event {} not published: {}", type, e.toString());
            }
        });
    }

    /**
     * One broadcast for the events made since the last: a single event as itself, several as a JSON array (at most
     * {@link #EVENTS_PER_BROADCAST}). Under load this turns a publish per request into one per few milliseconds.
     */
    private void sendOutgoing() {
        List<String> events = new ArrayList<>();
        for (String event; (event = outgoing.poll()) != null; ) {
            events.add(event);
            if (events.size() == EVENTS_PER_BROADCAST) {
                send(events);
                events.clear();
            }
        }
        if (!events.isEmpty()) {
            send(events);
        }
    }

    private void send(List<String> events) {
        try {
            broadcasts.publish(TOPIC, events.size() == 1 ? events.getFirst() : "[" + String.join(",", events) + "]");
        } catch (RuntimeException e) {
            log.warn("{} live event(s) not published: {}", events.size(), e.toString());
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
        deliver(keep ? ring.append(nextId(), type, json) : new LiveEvent(0, "", type, json));
    }

    private String nextId() {
        return nodeId + "-" + sequence.incrementAndGet();
    }

    /**
     * Reads a broadcast (one event, or an array of them) with a streaming parser: the data is kept as the exact text
     * the publishing node wrote (compact JSON), not parsed into a tree and written again. Data that is not one line
     * (another writer's pretty-printed JSON would break the SSE framing) is written again compactly.
     */
    private void received(String message) {
        try (JsonParser parser = Json.MAPPER.createParser(message)) {
            JsonToken first = parser.nextToken();
            if (first == JsonToken.START_ARRAY) {
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                    if (next == JsonToken.START_OBJECT) {
                        receivedOne(parser, message);
                    } else {
                        parser.skipChildren(); // not an event
                    }
                }
            } else if (first == JsonToken.START_OBJECT) {
                receivedOne(parser, message);
            } else {
                throw new IllegalArgumentException("neither an event nor an array of events");
            }
        } catch (IOException | IllegalArgumentException e) {
            log.warn("Ignoring a malformed live event broadcast");
        }
    }

    /** The event whose START_OBJECT the parser is on; leaves it on the matching END_OBJECT. */
    private void receivedOne(JsonParser parser, String message) throws IOException {
        String id = "";
        String type = "unknown";
        String data = "null";
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "id" -> id = value == JsonToken.VALUE_STRING ? parser.getText() : "";
                case "type" -> type = value == JsonToken.VALUE_STRING ? parser.getText() : "unknown";
                case "data" -> data = rawValue(parser, value, message);
                default -> { }
            }
            parser.skipChildren();
        }
        deliver(ring.append(EVENT_ID.matcher(id).matches() ? id : nextId(), type, data));
    }

    private static String rawValue(JsonParser parser, JsonToken value, String message) throws IOException {
        if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
            int from = Math.toIntExact(parser.currentTokenLocation().getCharOffset());
            parser.skipChildren();
            int to = Math.toIntExact(parser.currentLocation().getCharOffset());
            String raw = message.substring(from, to);
            if (raw.indexOf('\n') < 0 && raw.indexOf('\r') < 0) {
                return raw;
            }
            return Json.MAPPER.writeValueAsString(Json.MAPPER.readTree(raw));
        }
        return Json.MAPPER.writeValueAsString(Json.MAPPER.readTree(parser));
    }

    private void deliver(LiveEvent event) {
        for (Listener listener : listeners) {
            if (!listener.queue.offer(event)) {
                listener.overflowed = true;
                listeners.remove(listener);
            }
        }
    }

    /** A listener from now on, with the kept events after {@code lastEventId} (empty = none) as its backlog. */
    public Listener listen(String lastEventId) {
        Listener listener = new Listener();
        listeners.add(listener);
        listener.backlog = lastEventId.isEmpty() ? List.of() : ring.after(lastEventId);
        return listener;
    }

    public int listenerCount() {
        return listeners.size();
    }

    @Override
    public void close() {
        publisher.close();
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
