package dev.relaypool.server.events;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** The last {@code capacity} events, numbered in order of arrival; what a reconnecting client resumes from. */
final class EventRing {
    private final int capacity;
    private final ArrayDeque<LiveEvent> events;
    private long nextId = 1;

    EventRing(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
        this.events = new ArrayDeque<>(capacity);
    }

    synchronized LiveEvent append(String type, String json) {
        LiveEvent event = new LiveEvent(nextId++, type, json);
        if (events.size() == capacity) {
            events.removeFirst();
        }
        events.addLast(event);
        return event;
    }

    /** Events after {@code lastId}, oldest first; all kept events when {@code lastId} is older than the ring. */
    synchronized List<LiveEvent> after(long lastId) {
        List<LiveEvent> newer = new ArrayList<>();
        for (LiveEvent event : events) {
            if (event.id() > lastId) {
                newer.add(event);
            }
        }
        return newer;
    }

    /** The id the next event will get; an id at or beyond it was never issued here (another node, or a restart). */
    synchronized long nextId() {
        return nextId;
    }
}
