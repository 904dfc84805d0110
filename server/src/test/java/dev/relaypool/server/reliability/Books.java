package dev.relaypool.server.reliability;

import static dev.relaypool.server.storage.schema.Tables.API_KEYS;
import static dev.relaypool.server.storage.schema.Tables.BALANCE_LEDGER;
import static dev.relaypool.server.storage.schema.Tables.GROUPS;
import static dev.relaypool.server.storage.schema.Tables.UPSTREAM_ACCOUNTS;
import static dev.relaypool.server.storage.schema.Tables.USAGE_LOG;
import static dev.relaypool.server.storage.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.model.Platform;
import dev.relaypool.server.RelaypoolServer;
import dev.relaypool.server.accounts.NewAccount;
import dev.relaypool.server.config.ConfigLoader;
import dev.relaypool.server.keys.CreatedKey;
import dev.relaypool.server.keys.NewKey;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The member a reliability test bills, and the reconciliation it ends with: every answer the client saw complete
 * has exactly one usage row, and the money moved equals the rows, exactly.
 */
final class Books {
    static final BigDecimal START_BALANCE = new BigDecimal("100");
    /** Limits high enough never to refuse the test's load, low enough that every request takes a lease. */
    static final int CONCURRENCY = 64;

    /** One member with one key in one balance group served by one account. */
    record Tenant(long userId, long keyId, long groupId, long accountId, String key) {}

    private Books() {}

    /**
     * Seeds with an in-process relay on the same configuration (database, master key) as the process under test,
     * then stops it: the way an admin would have set things up before the run.
     */
    static Tenant seed(Map<String, String> environment, String upstreamBaseUrl) {
        try (RelaypoolServer server = RelaypoolServer.start(ConfigLoader.load(null, seedingEnvironment(environment)))) {
            DSLContext db = server.database().dsl();
            long user = db.insertInto(USERS).set(USERS.EMAIL, "crash-" + UUID.randomUUID() + "@example.test")
                    .set(USERS.PASSWORD_HASH, "unused").set(USERS.BALANCE, START_BALANCE)
                    .set(USERS.CONCURRENCY_LIMIT, CONCURRENCY).returning(USERS.ID).fetchSingle(USERS.ID);
            long group = db.insertInto(GROUPS).set(GROUPS.NAME, "crash-" + UUID.randomUUID())
                    .set(GROUPS.PLATFORM, Platform.ANTHROPIC.wireName()).returning(GROUPS.ID).fetchSingle(GROUPS.ID);
            long account = server.parts().accounts().create(NewAccount.apiKey("crash-account", Platform.ANTHROPIC,
                    "sk-upstream-crash", Optional.of(upstreamBaseUrl)));
            server.parts().accounts().linkToGroup(account, group, 10);
            db.update(UPSTREAM_ACCOUNTS).set(UPSTREAM_ACCOUNTS.CONCURRENCY_LIMIT, CONCURRENCY)
                    .where(UPSTREAM_ACCOUNTS.ID.eq(account)).execute();
            CreatedKey key = server.parts().keys().create(NewKey.named(user, group, "crash key"));
            db.update(API_KEYS).set(API_KEYS.CONCURRENCY_LIMIT, CONCURRENCY).where(API_KEYS.ID.eq(key.id())).execute();
            return new Tenant(user, key.id(), group, account, key.key());
        }
    }

    /** Waits (bounded) until every id in {@code answered} has its usage row. */
    static void awaitSettled(DSLContext db, Tenant tenant, Set<String> answered, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && !rowIds(db, tenant).containsAll(answered)) {
            RelayProcess.sleep(200);
        }
    }

    /** The reconciliation: one row per answered request, money moved = Σ rows, exactly. */
    static void assertReconciled(DSLContext db, Tenant tenant, Set<String> answered) {
        List<String> ids = db.select(USAGE_LOG.REQUEST_ID).from(USAGE_LOG).where(USAGE_LOG.USER_ID.eq(tenant.userId()))
                .fetch(USAGE_LOG.REQUEST_ID);
        assertThat(ids).as("no request billed twice").doesNotHaveDuplicates();
        assertThat(ids).as("every request the client saw answered completely has its usage row")
                .containsAll(answered);
        BigDecimal charged = db.select(DSL.coalesce(DSL.sum(USAGE_LOG.ACTUAL_COST), BigDecimal.ZERO)).from(USAGE_LOG)
                .where(USAGE_LOG.USER_ID.eq(tenant.userId())).fetchSingle().value1();
        assertThat(charged).as("answered requests cost money").isPositive();
        assertThat(db.fetchCount(USAGE_LOG, USAGE_LOG.USER_ID.eq(tenant.userId())
                        .and(USAGE_LOG.REQUEST_ID.in(answered)).and(USAGE_LOG.ACTUAL_COST.gt(BigDecimal.ZERO))))
                .as("each answered request is charged").isEqualTo(answered.size());
        BigDecimal balance = db.select(USERS.BALANCE).from(USERS).where(USERS.ID.eq(tenant.userId()))
                .fetchSingle(USERS.BALANCE);
        assertThat(START_BALANCE.subtract(balance)).as("balance decrease = Σ usage rows").isEqualByComparingTo(charged);
        BigDecimal ledger = db.select(DSL.coalesce(DSL.sum(BALANCE_LEDGER.AMOUNT), BigDecimal.ZERO))
                .from(BALANCE_LEDGER).where(BALANCE_LEDGER.USER_ID.eq(tenant.userId())
                        .and(BALANCE_LEDGER.REASON.eq("usage"))).fetchSingle().value1();
        assertThat(ledger.negate()).as("ledger = Σ usage rows").isEqualByComparingTo(charged);
        assertThat(db.fetchCount(BALANCE_LEDGER, BALANCE_LEDGER.USER_ID.eq(tenant.userId())
                .and(BALANCE_LEDGER.REASON.eq("usage")))).as("one ledger row per charged request")
                .isEqualTo(db.fetchCount(USAGE_LOG, USAGE_LOG.USER_ID.eq(tenant.userId())
                        .and(USAGE_LOG.ACTUAL_COST.gt(BigDecimal.ZERO))));
        BigDecimal keyUsed = db.select(API_KEYS.USED_USD).from(API_KEYS).where(API_KEYS.ID.eq(tenant.keyId()))
                .fetchSingle(API_KEYS.USED_USD);
        assertThat(keyUsed).as("key usage = Σ usage rows").isEqualByComparingTo(charged);
    }

    private static Set<String> rowIds(DSLContext db, Tenant tenant) {
        return Set.copyOf(db.select(USAGE_LOG.REQUEST_ID).from(USAGE_LOG).where(USAGE_LOG.USER_ID.eq(tenant.userId()))
                .fetch(USAGE_LOG.REQUEST_ID));
    }

    private static Map<String, String> seedingEnvironment(Map<String, String> environment) {
        var env = new java.util.HashMap<>(environment);
        env.put("RELAYPOOL_SERVER_HOST", "127.0.0.1");
        env.put("RELAYPOOL_SERVER_PORT", "0");
        env.put("RELAYPOOL_METRICS_ENABLED", "false");
        return env;
    }
}
