package dev.relaypool.fake;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** The last N requests, oldest first; N = 0 switches recording off. */
final class RequestLog {
    private final ArrayDeque<RecordedRequest> entries = new ArrayDeque<>();
    private final int initialLimit;
    private volatile int limit;

    RequestLog(int limit) {
        setLimit(limit);
        initialLimit = limit;
    }

    /** Forgets everything and goes back to the starting limit. */
    synchronized void reset() {
        entries.clear();
        limit = initialLimit;
    }

    boolean enabled() {
        return limit > 0;
    }

    synchronized void setLimit(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("the recording limit must not be negative");
        }
        limit = value;
        trim();
    }

    synchronized void add(RecordedRequest request) {
        if (limit == 0) {
            return;
        }
        entries.addLast(request);
        trim();
    }

    synchronized List<RecordedRequest> snapshot() {
        return List.copyOf(entries);
    }

    /** The newest {@code max} requests, oldest first. */
    synchronized List<RecordedRequest> last(int max) {
        List<RecordedRequest> all = new ArrayList<>(entries);
        return List.copyOf(all.subList(Math.max(0, all.size() - max), all.size()));
    }

    synchronized void clear() {
        entries.clear();
    }

    private void trim() {
        while (entries.size() > limit) {
            entries.removeFirst();
        }
    }
}
