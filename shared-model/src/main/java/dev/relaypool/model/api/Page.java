package dev.relaypool.model.api;

import java.util.List;

/** One page of a list; {@code page} counts from 0, {@code total} is the number of items over all pages. */
public record Page<T>(List<T> items, long total, int page, int size) {
    public Page {
        items = List.copyOf(items);
        if (total < 0 || page < 0 || size < 0) {
            throw new IllegalArgumentException("total, page and size must not be negative");
        }
    }
}
