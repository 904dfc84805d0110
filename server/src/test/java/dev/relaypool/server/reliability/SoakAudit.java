package dev.relaypool.server.reliability;

import static dev.relaypool.server.storage.schema.Tables.USAGE_LOG;
import static dev.relaypool.server.storage.schema.Tables.USERS;

import dev.relaypool.server.RelaypoolServer;
import dev.relaypool.server.coordination.Leases;
import dev.relaypool.server.scheduling.PoolSelector;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import org.jooq.DSLContext;
import org.jooq.Record4;

/** What the relay holds and wrote after the load: leases still taken, usage rows and the money they moved. */
final class SoakAudit {
    private final RelaypoolServer server;
    private final SoakPool pool;

    SoakAudit(RelaypoolServer server, SoakPool pool) {
        this.server = server;
        this.pool = pool;
    }

    /** Waits until no lease is held and every usage record is written; false if that did not happen in time. */
    boolean awaitIdle(Duration timeout) throws InterruptedException {
        boolean released = Soak.await(() -> leases().total() == 0, timeout);
        return server.parts().settlement().flush(timeout) && released;
    }

    SoakReport.Leases leases() {
        Leases leases = server.parts().coordination().leases();
        long users = pool.users().stream().mapToLong(id -> leases.inUse("limits:conc:user:" + id)).sum();
        long keys = pool.keyIds().stream().mapToLong(id -> leases.inUse("limits:conc:key:" + id)).sum();
        long accounts = pool.accounts().stream().mapToLong(id -> leases.inUse(PoolSelector.leaseKey(id))).sum();
        return new SoakReport.Leases(users, keys, accounts, server.parts().renewer().held());
    }

    SoakReport report(SoakReport.Run run, SoakLedger ledger, boolean settled, SoakReport.Heap heap) {
        DSLContext db = server.database().dsl();
        var rows = db.select(USAGE_LOG.REQUEST_ID, USAGE_LOG.STATUS_CODE, USAGE_LOG.ERROR_CLASS, USAGE_LOG.ACTUAL_COST)
                .from(USAGE_LOG).where(USAGE_LOG.USER_ID.in(pool.users())).fetch();
        long[] rowIds = new long[rows.size()];
        long[] wholeIds = new long[rows.size()];
        int whole = 0;
        BigDecimal rowsCost = BigDecimal.ZERO;
        for (int i = 0; i < rows.size(); i++) {
            Record4<String, Integer, String, BigDecimal> row = rows.get(i);
            rowIds[i] = SoakLedger.id(row.value1());
            if (row.value2() >= 200 && row.value2() < 300 && row.value3() == null) {
                wholeIds[whole++] = rowIds[i];
            }
            rowsCost = rowsCost.add(row.value4());
        }
        Arrays.sort(rowIds);
        wholeIds = Arrays.copyOf(wholeIds, whole);
        Arrays.sort(wholeIds);
        long[] answered = ledger.answeredIds();
        long[] hungUp = ledger.hungUpIds();
        BigDecimal balances = db.select(org.jooq.impl.DSL.sum(USERS.BALANCE)).from(USERS)
                .where(USERS.ID.in(pool.users())).fetchSingle().value1();
        BigDecimal deducted = pool.startingBalance().multiply(BigDecimal.valueOf(pool.users().size())).subtract(balances);
        SoakReport.Usage usage = new SoakReport.Usage(rows.size(), whole, answered.length,
                missing(answered, wholeIds), unexplained(wholeIds, answered, hungUp), missing(ledger.seenIds(), rowIds),
                rowsCost, deducted);
        return new SoakReport(run, ledger.requests(), ledger.shapes(), ledger.outcomes(), settled, leases(), usage, heap);
    }

    /** How many of {@code expected} are not in {@code actual} (both sorted). */
    static int missing(long[] expected, long[] actual) {
        int count = 0;
        for (long id : expected) {
            if (Arrays.binarySearch(actual, id) < 0) {
                count++;
            }
        }
        return count;
    }

    /** Whole answers the relay recorded that no client saw whole; a client that hung up may have been answered in full. */
    private static int unexplained(long[] whole, long[] answered, long[] hungUp) {
        int count = 0;
        for (long id : whole) {
            if (Arrays.binarySearch(answered, id) < 0 && Arrays.binarySearch(hungUp, id) < 0) {
                count++;
            }
        }
        return count;
    }
}
