package dev.relaypool.server.accounts;

import dev.relaypool.server.storage.Database;
import java.util.List;
import java.util.Map;

/**
 * Front door of upstream accounts: creation with encrypted credentials, group links, and the in-memory snapshot of
 * schedulable accounts per group that the scheduler reads on every request (reloaded after each change and, for
 * changes made on other nodes, by {@link #reload()} from a broadcast or a timer).
 */
public final class Accounts implements SchedulableAccounts {
    private final Database database;
    private final CredentialCodec codec;
    private volatile Map<Long, List<PooledAccount>> byGroup = Map.of();

    public Accounts(Database database, CredentialCodec codec) {
        this.database = database;
        this.codec = codec;
        reload();
    }

    public long create(NewAccount account) {
        long id = database.transactionResult(db -> new AccountStore(db, codec).insert(account));
        reload();
        return id;
    }

    public void linkToGroup(long accountId, long groupId, int priority) {
        database.transaction(db -> new AccountStore(db, codec).link(accountId, groupId, priority));
        reload();
    }

    public void replaceCredentials(long accountId, AccountCredentials credentials) {
        database.transaction(db -> new AccountStore(db, codec).replaceCredentials(accountId, credentials));
        reload();
    }

    public void markError(long accountId, String message) {
        database.transaction(db -> new AccountStore(db, codec).markError(accountId, message));
        reload();
    }

    /** The rate-limit state JSON the scheduler last saved, per account id (see the scheduling package). */
    public Map<Long, String> rateLimitStates() {
        return database.transactionResult(db -> new AccountStore(db, codec).rateLimitStates());
    }

    /** Saves rate-limit states (account id → JSON) in one transaction; not a snapshot change, so no reload. */
    public void saveRateLimitStates(Map<Long, String> states) {
        if (!states.isEmpty()) {
            database.transaction(db -> {
                AccountStore store = new AccountStore(db, codec);
                states.forEach(store::saveRateLimitState);
            });
        }
    }

    @Override
    public java.util.Optional<PooledAccount> schedulableAccount(long accountId) {
        return byGroup.values().stream().flatMap(List::stream).filter(a -> a.id() == accountId).findFirst();
    }

    @Override
    public List<PooledAccount> schedulable(long groupId) {
        return byGroup.getOrDefault(groupId, List.of());
    }

    /**
     * The model names a group can serve, for the models endpoints: the exact (wildcard-free) names in its accounts'
     * mappings, plus {@code everyModel} (e.g. the priced models of the platform) when some account allows every model.
     */
    public List<String> models(long groupId, java.util.function.Supplier<java.util.Collection<String>> everyModel) {
        java.util.TreeSet<String> names = new java.util.TreeSet<>();
        boolean allowsAll = false;
        for (PooledAccount account : schedulable(groupId)) {
            if (account.modelMapping().entries().isEmpty()) {
                allowsAll = true;
            }
            account.modelMapping().entries().keySet().stream().filter(n -> !n.contains("*")).forEach(names::add);
        }
        if (allowsAll) {
            names.addAll(everyModel.get());
        }
        return List.copyOf(names);
    }

    /** Every schedulable account once, whatever its groups, lowest id first (for gauges that sample them all). */
    public List<PooledAccount> allSchedulable() {
        Map<Long, PooledAccount> byId = new java.util.TreeMap<>();
        byGroup.values().forEach(accounts -> accounts.forEach(account -> byId.putIfAbsent(account.id(), account)));
        return List.copyOf(byId.values());
    }

    public void reload() {
        byGroup = Map.copyOf(database.transactionResult(db -> new AccountStore(db, codec).schedulableByGroup()));
    }
}
