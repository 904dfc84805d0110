package dev.relaypool.bench;

import static dev.relaypool.server.storage.schema.Tables.UPSTREAM_ACCOUNTS;
import static dev.relaypool.server.storage.schema.Tables.API_KEYS;
import static dev.relaypool.server.storage.schema.Tables.GROUPS;
import static dev.relaypool.server.storage.schema.Tables.USERS;

import dev.relaypool.model.Platform;
import dev.relaypool.server.RelaypoolServer;
import dev.relaypool.server.accounts.NewAccount;
import dev.relaypool.server.config.ConfigLoader;
import dev.relaypool.server.keys.NewKey;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * Puts a member with the whole hot path switched on into the relay's database: a balance (billing checks), a key
 * with RPM/TPM, concurrency and 5-hour USD limits (so every limit is evaluated, none is reached), a group with its
 * own limits and {@link #ACCOUNTS} accounts on the fake upstream. Runs a relay node in this JVM on the same
 * configuration for the few seconds this takes, so that the stores do the writing exactly as in production.
 */
public final class Seeder {
    static final int ACCOUNTS_IN_GROUP = 3;
    private static final int HIGH = 100_000_000;

    private Seeder() {}

    /** Seeds a member (with its group and accounts) per upstream URL; returns their keys, in full, in that order. */
    static List<String> seed(Map<String, String> environment, List<String> upstreamUrls) {
        try (RelaypoolServer server = RelaypoolServer.start(ConfigLoader.load(null, environment))) {
            return upstreamUrls.stream().map(url -> seed(server, url)).toList();
        }
    }

    /** Seeds through a running node; returns the member's key, in full. */
    public static String seed(RelaypoolServer server, String upstreamUrl) {
        {
            DSLContext db = server.database().dsl();
            long suffix = System.nanoTime();
            long user = db.insertInto(USERS).set(USERS.EMAIL, "bench-" + suffix + "@example.test")
                    .set(USERS.PASSWORD_HASH, "unused").set(USERS.BALANCE, new BigDecimal("1000000"))
                    .set(USERS.CONCURRENCY_LIMIT, HIGH).set(USERS.RPM_LIMIT, HIGH).set(USERS.TPM_LIMIT, (long) HIGH)
                    .returning(USERS.ID).fetchOne().getId();
            long group = db.insertInto(GROUPS).set(GROUPS.NAME, "bench-" + suffix)
                    .set(GROUPS.PLATFORM, Platform.ANTHROPIC.wireName())
                    .set(GROUPS.RPM_LIMIT, HIGH).set(GROUPS.TPM_LIMIT, (long) HIGH)
                    .returning(GROUPS.ID).fetchOne().getId();
            for (int i = 0; i < ACCOUNTS_IN_GROUP; i++) {
                long account = server.parts().accounts().create(NewAccount.apiKey("bench-" + suffix + "-" + i,
                        Platform.ANTHROPIC, "sk-bench-upstream-" + i, Optional.of(upstreamUrl)));
                db.update(UPSTREAM_ACCOUNTS).set(UPSTREAM_ACCOUNTS.CONCURRENCY_LIMIT, HIGH).where(UPSTREAM_ACCOUNTS.ID.eq(account)).execute();
                server.parts().accounts().linkToGroup(account, group, 10);
            }
            var created = server.parts().keys().create(NewKey.named(user, group, "bench"));
            db.update(API_KEYS).set(API_KEYS.CONCURRENCY_LIMIT, HIGH).set(API_KEYS.RPM_LIMIT, HIGH)
                    .set(API_KEYS.TPM_LIMIT, (long) HIGH).set(API_KEYS.LIMIT_5H_USD, new BigDecimal("1000000"))
                    .where(API_KEYS.ID.eq(created.id())).execute();
            return created.key();
        }
    }
}
