package dev.relaypool.desktop.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a table asks the server for: free-text search, exact filters, one sort column and a page. The server does
 * the searching, sorting and paging; this only becomes query parameters ({@code q}, {@code sort} ("field,asc|desc"),
 * {@code page}, {@code size} and one parameter per filter).
 */
public record ListQuery(String search, Map<String, String> filters, String sort, boolean descending, int page, int size) {
    public static final int DEFAULT_SIZE = 50;

    public ListQuery {
        search = search == null ? "" : search.strip();
        Objects.requireNonNull(filters, "filters");
        Map<String, String> kept = new LinkedHashMap<>();
        filters.forEach((name, value) -> {
            if (value != null && !value.isBlank()) {
                kept.put(name, value.strip());
            }
        });
        filters = Map.copyOf(kept);
        sort = sort == null ? "" : sort;
        if (page < 0 || size < 1 || size > 1000) {
            throw new IllegalArgumentException("page must be >= 0 and size 1..1000");
        }
    }

    public static ListQuery first() {
        return new ListQuery("", Map.of(), "", false, 0, DEFAULT_SIZE);
    }

    public ListQuery withPage(int newPage) {
        return new ListQuery(search, filters, sort, descending, Math.max(0, newPage), size);
    }

    public Map<String, String> parameters() {
        Map<String, String> params = new LinkedHashMap<>();
        if (!search.isEmpty()) {
            params.put("q", search);
        }
        params.putAll(filters);
        if (!sort.isEmpty()) {
            params.put("sort", sort + (descending ? ",desc" : ",asc"));
        }
        params.put("page", Integer.toString(page));
        params.put("size", Integer.toString(size));
        return params;
    }
}
