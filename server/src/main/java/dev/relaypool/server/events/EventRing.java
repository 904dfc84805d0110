package dev.relaypool.server.events;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The last {@code capacity} events this node saw (its own and every other node's), in order of arrival; what a
 * reconnecting client resumes from. Redis delivers one channel's messages to every subscriber in publish order, so
 * the rings of all nodes hold the cluster's events in the same order.
 */
final class EventRing {
    private final int capacity;
    private final ArrayDeque<LiveEvent> events;
    private long nextPosition = 1;

    EventRing(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
        this.events = new ArrayDeque<>(capacity);
    }

    synchronized LiveEvent append(String id, String type, String json) {
        LiveEvent event = new LiveEvent(nextPosition++, id, type, json);
        if (events.size() == capacity) {
            events.removeFirst();
        }
        events.addLast(event);
        return event;
    }

    /**
     * Events after the one with {@code lastId}, oldest first; every kept event when this ring does not hold that id
     * (it fell out of the ring, or was a node-local event of another node): better twice than never.
     */
    synchronized List<LiveEvent> after(String lastId) {
        List<LiveEvent> newer = new ArrayList<>();
        for (LiveEvent event : events) {
            newer.add(event);
            if (event.id().equals(lastId)) {
                newer.clear();
            }
        }
        return newer;
    }
}
