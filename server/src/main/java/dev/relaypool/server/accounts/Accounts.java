package dev.relaypool.server.accounts;

import dev.relaypool.server.coordination.Broadcasts;
import dev.relaypool.server.net.UpstreamAddressPolicy;
import dev.relaypool.server.storage.Database;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Front door of upstream accounts: creation with encrypted credentials and checked endpoints, group links, and the
 * in-memory snapshot of schedulable accounts per group that the scheduler reads on every request. The snapshot is
 * reloaded after each change here, and on the other nodes through a broadcast (best effort; a node that missed one
 * catches up at its next reload).
 */
public final class Accounts implements SchedulableAccounts, AutoCloseable {
    static final String TOPIC = "accounts.changed";
    private static final Logger log = LoggerFactory.getLogger(Accounts.class);

    private final Database database;
    private final CredentialCodec codec;
    private final UpstreamAddressPolicy addresses;
    private final Broadcasts broadcasts;
    private final String node = UUID.randomUUID().toString();
    private final Broadcasts.Subscription subscription;
    private volatile Map<Long, List<PooledAccount>> byGroup = Map.of();

    public Accounts(Database database, CredentialCodec codec, UpstreamAddressPolicy addresses, Broadcasts broadcasts) {
        this.database = database;
        this.codec = codec;
        this.addresses = addresses;
        this.broadcasts = broadcasts;
        reload();
        // listeners must be quick: the reload (a query) runs on its own virtual thread
        this.subscription = broadcasts.subscribe(TOPIC, sender -> {
            if (!node.equals(sender)) {
                Thread.ofVirtual().name("accounts-reload").start(this::reloadQuietly);
            }
        });
    }

    /** Creates the account unless its base URL is refused by the address policy. */
    public SaveResult add(NewAccount account) {
        if (account.baseUrl().isPresent()
                && addresses.checkBaseUrl(account.baseUrl().get()) instanceof UpstreamAddressPolicy.Verdict.Refused r) {
            return new SaveResult.Refused("base URL refused: " + r.reason());
        }
        long id = database.transactionResult(db -> new AccountStore(db, codec).insert(account));
        changed();
        return new SaveResult.Saved(id);
    }

    /** {@link #add} for trusted input (seeding, tests): a refusal throws. */
    public long create(NewAccount account) {
        return add(account).orThrow();
    }

    /** Changes where the account's traffic goes (empty base URL = the official endpoint; empty proxy = direct). */
    public SaveResult updateEndpoint(long accountId, Optional<String> baseUrl, Optional<Long> proxyId) {
        if (baseUrl.isPresent()
                && addresses.checkBaseUrl(baseUrl.get()) instanceof UpstreamAddressPolicy.Verdict.Refused r) {
            return new SaveResult.Refused("base URL refused: " + r.reason());
        }
        boolean found = database.transactionResult(db -> new AccountStore(db, codec).updateEndpoint(accountId, baseUrl, proxyId));
        if (!found) {
            return new SaveResult.Refused("no account " + accountId);
        }
        changed();
        return new SaveResult.Saved(accountId);
    }

    public void linkToGroup(long accountId, long groupId, int priority) {
        database.transaction(db -> new AccountStore(db, codec).link(accountId, groupId, priority));
        changed();
    }

    public void replaceCredentials(long accountId, AccountCredentials credentials) {
        database.transaction(db -> new AccountStore(db, codec).replaceCredentials(accountId, credentials));
        changed();
    }

    /** New credentials from a re-authorisation: also makes an account in error active again. */
    public void reactivate(long accountId, AccountCredentials credentials) {
        database.transaction(db -> new AccountStore(db, codec).reactivate(accountId, credentials));
        changed();
    }

    public void markError(long accountId, String message) {
        database.transaction(db -> new AccountStore(db, codec).markError(accountId, message));
        changed();
    }

    /** The account as stored right now, if it is an active OAuth account. */
    public Optional<OAuthAccount> oauthAccount(long accountId) {
        return database.transactionResult(db -> new AccountStore(db, codec).oauthAccount(accountId));
    }

    /** Active OAuth accounts whose access token expires at or before {@code deadline}, soonest first. */
    public List<Long> oauthExpiringBy(Instant deadline) {
        return database.transactionResult(db -> new AccountStore(db, codec).oauthExpiringBy(deadline.atOffset(ZoneOffset.UTC)));
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

    /** Reloads here and tells the other nodes (proxy edits call this too). */
    void changed() {
        reload();
        try {
            broadcasts.publish(TOPIC, node);
        } catch (RuntimeException e) {
            log.warn("Could not tell other nodes that accounts changed: {}", e.toString());
        }
    }

    private void reloadQuietly() {
        try {
            reload();
        } catch (RuntimeException e) {
            log.warn("Reloading accounts after a change on another node failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        subscription.close();
    }
}
