package dev.relaypool.server.members;

import dev.relaypool.model.api.Page;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Field;
import org.jooq.SortField;

/**
 * The list parameters every paginated route takes: {@code ?page=0&size=50&sort=field,asc|desc&q=...}. Sorting is
 * by a whitelist of fields (unknown → 400), always followed by the id so pages are stable.
 */
public record PageQuery(int page, int size, SortField<?> order, Optional<String> q, Map<String, String> query) {
    public static final int MAX_SIZE = 500;

    public static PageQuery parse(Map<String, String> query, Map<String, Field<?>> sortable, String defaultSort) {
        int page = integer(query, "page", 0);
        int size = integer(query, "size", 50);
        if (page < 0 || size < 1 || size > MAX_SIZE) {
            throw Problems.badRequest("page must be >= 0 and size 1-" + MAX_SIZE);
        }
        String[] sort = query.getOrDefault("sort", defaultSort).split(",", 2);
        Field<?> field = sortable.get(sort[0].strip());
        if (field == null) {
            throw Problems.badRequest("sort must be one of " + new java.util.TreeSet<>(sortable.keySet()));
        }
        boolean descending = sort.length > 1 && sort[1].strip().equalsIgnoreCase("desc");
        String q = query.get("q");
        return new PageQuery(page, size, descending ? field.desc() : field.asc(),
                q == null || q.isBlank() ? Optional.empty() : Optional.of(q.strip()), query);
    }

    public Optional<String> param(String name) {
        String value = query.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    public Optional<Long> longParam(String name) {
        return param(name).map(v -> {
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw Problems.badRequest(name + " must be a number");
            }
        });
    }

    /** An ISO-8601 instant parameter ({@code from}, {@code to}). */
    public Optional<OffsetDateTime> timeParam(String name) {
        return param(name).map(v -> {
            try {
                return Instant.parse(v).atOffset(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw Problems.badRequest(name + " must be an ISO-8601 instant, e.g. 2025-01-31T00:00:00Z");
            }
        });
    }

    /** {@code q} as a case-insensitive LIKE pattern with its wildcards escaped. */
    public Optional<String> likePattern() {
        return q.map(text -> "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
    }

    public int offset() {
        return page * size;
    }

    public <T> Page<T> page(List<T> items, long total) {
        return new Page<>(items, total, page, size);
    }

    private static int integer(Map<String, String> query, String name, int fallback) {
        String value = query.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw Problems.badRequest(name + " must be a number");
        }
    }
}
