package dev.relaypool.server.usage.rollup;

import dev.relaypool.server.storage.schema.Routines;
import java.util.Collection;
import org.jooq.DSLContext;

/**
 * Adds freshly written usage_log rows to the rollups, inside the caller's transaction. The aggregation is one
 * statement ({@code usage_rollups_add}, V3 migration): it groups the rows per (granularity, dimension, id, bucket)
 * and upserts each group once by addition, the same function that backfilled the history. Callers pass only the
 * ids their insert actually wrote, which is what keeps a replayed request id from being counted twice.
 */
public final class RollupWriter {
    private RollupWriter() {}

    public static void add(DSLContext tx, Collection<Long> usageLogIds) {
        if (!usageLogIds.isEmpty()) {
            Routines.usageRollupsAdd(tx.configuration(), usageLogIds.toArray(Long[]::new));
        }
    }
}
