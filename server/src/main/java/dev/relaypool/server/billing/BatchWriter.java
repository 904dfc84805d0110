package dev.relaypool.server.billing;

import dev.relaypool.server.usage.UsageRecord;
import java.util.List;

/**
 * Where the settlement queue delivers usage: the PostgreSQL implementation writes the usage rows and moves the
 * money in one transaction. Contract: all or nothing per call, and idempotent per request id (a record may be
 * delivered again after a crash or a retry; the second delivery must charge nothing). Throwing means "nothing was
 * written"; the queue retries the same batch with backoff.
 */
@FunctionalInterface
public interface BatchWriter {
    void write(List<UsageRecord> batch) throws Exception;
}
