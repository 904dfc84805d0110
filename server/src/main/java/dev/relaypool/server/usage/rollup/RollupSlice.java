package dev.relaypool.server.usage.rollup;

import dev.relaypool.server.members.PageQuery;
import dev.relaypool.server.members.Problems;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Which rollup rows a series reads: one dimension and its id ({@code ""} for {@link Dimension#ALL}, the id in
 * decimal for users, keys, accounts and groups, the requested model for models). Rollups are kept per single
 * dimension, so a series takes at most one filter.
 */
public record RollupSlice(Dimension dimension, String id) {
    public enum Dimension {
        ALL, USER, KEY, ACCOUNT, MODEL, GROUP;

        /** The value of the {@code dimension} column. */
        String column() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final RollupSlice ALL = new RollupSlice(Dimension.ALL, "");

    public RollupSlice {
        Objects.requireNonNull(dimension, "dimension");
        Objects.requireNonNull(id, "id");
        if (dimension == Dimension.ALL ? !id.isEmpty() : id.isEmpty() && dimension != Dimension.MODEL) {
            throw new IllegalArgumentException("only the all dimension and a model-less model row have an empty id");
        }
    }

    public static RollupSlice of(Dimension dimension, long id) {
        return new RollupSlice(dimension, Long.toString(id));
    }

    /**
     * The admin's series filter: none, or exactly one of {@code userId}, {@code keyId}, {@code accountId},
     * {@code groupId}, {@code model}. {@code status} and combinations have no rollup: 400 saying so.
     */
    public static RollupSlice admin(PageQuery query) {
        if (query.param("status").isPresent()) {
            throw Problems.badRequest("the series has no status filter (errors are counted per bucket)");
        }
        List<RollupSlice> named = new ArrayList<>();
        query.longParam("userId").ifPresent(id -> named.add(of(Dimension.USER, id)));
        query.longParam("keyId").ifPresent(id -> named.add(of(Dimension.KEY, id)));
        query.longParam("accountId").ifPresent(id -> named.add(of(Dimension.ACCOUNT, id)));
        query.longParam("groupId").ifPresent(id -> named.add(of(Dimension.GROUP, id)));
        query.param("model").ifPresent(model -> named.add(new RollupSlice(Dimension.MODEL, model)));
        if (named.size() > 1) {
            throw Problems.badRequest("the series takes at most one of userId, keyId, accountId, groupId, model");
        }
        return named.isEmpty() ? ALL : named.getFirst();
    }

    /**
     * A member's series filter: their own user, or one key given as {@code keyId} (the caller checks that the key
     * is theirs). Other filters have no per-member rollup: 400 saying so.
     */
    public static RollupSlice member(PageQuery query, long userId) {
        for (String other : List.of("groupId", "model", "status")) {
            if (query.param(other).isPresent()) {
                throw Problems.badRequest("the series takes no " + other + " filter; only keyId");
            }
        }
        Optional<Long> key = query.longParam("keyId");
        return key.map(id -> of(Dimension.KEY, id)).orElse(of(Dimension.USER, userId));
    }
}
