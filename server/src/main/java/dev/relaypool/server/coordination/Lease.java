package dev.relaypool.server.coordination;

import java.time.Duration;

/** One held slot. {@link #close()} releases it; closing twice, or after expiry, is harmless. */
public interface Lease extends AutoCloseable {

    String key();

    /** Extends the lease to {@code ttl} from now; false when it already expired or was released (the slot is lost). */
    boolean renew(Duration ttl);

    /** Releases the slot and wakes a waiter; idempotent, never throws (a lost release is healed by the TTL). */
    @Override
    void close();
}
