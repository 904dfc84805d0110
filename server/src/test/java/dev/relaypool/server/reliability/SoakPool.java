package dev.relaypool.server.reliability;

import static dev.relaypool.server.storage.schema.Tables.API_KEYS;
import static dev.relaypool.server.storage.schema.Tables.GROUPS;
import static dev.relaypool.server.storage.schema.Tables.USERS;

import dev.relaypool.model.Platform;
import dev.relaypool.server.RelaypoolServer;
import dev.relaypool.server.accounts.AccountCredentials;
import dev.relaypool.server.accounts.ModelMapping;
import dev.relaypool.server.accounts.NewAccount;
import dev.relaypool.server.keys.CreatedKey;
import dev.relaypool.server.keys.NewKey;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * What the soak runs against, seeded the way an admin would: members with a balance and concurrency limits (so
 * that member and key leases are taken), one group per platform, a key per member and platform, and several upstream
 * accounts per platform on the fake upstream.
 */
record SoakPool(List<Long> users, List<Long> keyIds, List<Long> accounts, Map<Platform, List<String>> keys,
                BigDecimal startingBalance) {
    static final BigDecimal BALANCE = new BigDecimal("1000000");

    SoakPool {
        users = List.copyOf(users);
        keyIds = List.copyOf(keyIds);
        accounts = List.copyOf(accounts);
        keys = Map.copyOf(keys);
    }

    static SoakPool seed(RelaypoolServer server, String upstreamUrl, int members, int accountsPerPlatform) {
        DSLContext db = server.database().dsl();
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<Long> users = new ArrayList<>();
        for (int i = 0; i < members; i++) {
            users.add(db.insertInto(USERS).set(USERS.EMAIL, "soak-" + run + "-" + i + "@example.test")
                    .set(USERS.PASSWORD_HASH, "unused").set(USERS.BALANCE, BALANCE)
                    .set(USERS.CONCURRENCY_LIMIT, 1000).returning(USERS.ID).fetchSingle(USERS.ID));
        }
        List<Long> keyIds = new ArrayList<>();
        List<Long> accounts = new ArrayList<>();
        Map<Platform, List<String>> keys = new java.util.EnumMap<>(Platform.class);
        for (Platform platform : Platform.values()) {
            long group = db.insertInto(GROUPS).set(GROUPS.NAME, "soak-" + run + "-" + platform.wireName())
                    .set(GROUPS.PLATFORM, platform.wireName()).returning(GROUPS.ID).fetchSingle(GROUPS.ID);
            for (int i = 0; i < accountsPerPlatform; i++) {
                String credential = "sk-soak-" + platform.wireName() + "-" + i;
                long id = server.parts().accounts().create(new NewAccount("soak-" + run + "-" + credential, platform,
                        new AccountCredentials.ApiKey(credential), Optional.of(upstreamUrl), Optional.empty(), 50, 10,
                        ModelMapping.ALLOW_ALL));
                server.parts().accounts().linkToGroup(id, group, 10);
                accounts.add(id);
            }
            List<String> platformKeys = new ArrayList<>();
            for (long user : users) {
                CreatedKey key = server.parts().keys().create(NewKey.named(user, group, "soak"));
                db.update(API_KEYS).set(API_KEYS.CONCURRENCY_LIMIT, 1000).where(API_KEYS.ID.eq(key.id())).execute();
                keyIds.add(key.id());
                platformKeys.add(key.key());
            }
            keys.put(platform, platformKeys);
        }
        server.parts().keys().invalidateAll();
        return new SoakPool(users, keyIds, accounts, keys, BALANCE);
    }
}
