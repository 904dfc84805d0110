package dev.relaypool.model.admin;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * SSE event {@code snapshot} of {@code GET /admin/events}, every few seconds: concurrency in use per active
 * account and the number of requests waiting for a slot ({@code queueDepth}, this node's view when not tracked).
 */
public record LiveSnapshot(Instant at, List<AccountLoad> accounts, int queueDepth) {
    public LiveSnapshot {
        Objects.requireNonNull(at, "at");
        accounts = accounts == null ? List.of() : List.copyOf(accounts);
    }

    /** Leases held on one account against its limit; {@code coolingDown} while it rests. */
    public record AccountLoad(long accountId, int inUse, int limit, boolean coolingDown) {}
}
