package dev.relaypool.server.reliability;

import static dev.relaypool.server.storage.schema.Tables.API_KEYS;
import static dev.relaypool.server.storage.schema.Tables.USAGE_LOG;
import static dev.relaypool.server.storage.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.fake.RecordedRequest;
import dev.relaypool.model.Platform;
import dev.relaypool.server.coordination.Cooldown;
import dev.relaypool.server.scheduling.PoolClient;
import dev.relaypool.server.scheduling.PoolSelector;
import dev.relaypool.server.storage.schema.tables.records.UsageLogRecord;
import dev.relaypool.server.testing.PostgresExtension;
import dev.relaypool.server.testing.RelayFixture;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * One fault scenario's pool inside a running relay: a member with a balance, a key, limits on both (so their
 * admission leases are really taken), and one or two accounts A (priority 1) and B (priority 2) on the fake upstream,
 * each with its own credential so a fault can be aimed at one of them. Reads back what the scenario must leave:
 * upstream hits per account, leases, cooldowns, usage rows and the balance.
 */
final class FaultRig {
    static final BigDecimal START_BALANCE = new BigDecimal("10.0000000000");
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    final RelayFixture relay;
    final PostgresExtension postgres;
    final Platform platform;
    final long user;
    final long keyId;
    final String key;
    final List<Long> accounts = new ArrayList<>();
    final List<String> credentials = new ArrayList<>();

    FaultRig(RelayFixture relay, PostgresExtension postgres, Platform platform, int poolSize) {
        this.relay = relay;
        this.postgres = postgres;
        this.platform = platform;
        this.user = relay.user(START_BALANCE);
        long group = relay.group(platform);
        int n = SEQUENCE.incrementAndGet();
        for (int i = 0; i < poolSize; i++) {
            String credential = "sk-fault-" + n + "-" + (char) ('a' + i);
            credentials.add(credential);
            accounts.add(PoolClient.account(relay.server, relay.upstream.baseUrl(), group, platform, credential,
                    i + 1, 5, Map.of()));
        }
        this.key = relay.key(user, group);
        this.keyId = postgres.dsl().select(API_KEYS.ID).from(API_KEYS).where(API_KEYS.USER_ID.eq(user)).fetchSingle().value1();
        postgres.dsl().update(USERS).set(USERS.CONCURRENCY_LIMIT, 5).where(USERS.ID.eq(user)).execute();
        postgres.dsl().update(API_KEYS).set(API_KEYS.CONCURRENCY_LIMIT, 5).where(API_KEYS.ID.eq(keyId)).execute();
        relay.server.parts().keys().invalidateAll();
    }

    String a() {
        return credentials.getFirst();
    }

    String b() {
        return credentials.get(1);
    }

    PoolClient.Answer send(boolean stream) throws Exception {
        return PoolClient.send(PoolClient.request(relay.baseUrl(), platform, key, stream, Map.of()));
    }

    /** How many requests the fake received with {@code credential} (model lists of probes included). */
    long hits(String credential) {
        return relay.upstream.requests().stream().map(RecordedRequest::credential).filter(credential::equals).count();
    }

    Optional<Cooldown> cooldown(String credential) {
        return Optional.ofNullable(relay.server.parts().scheduling().cooldowns()
                .get(accounts.get(credentials.indexOf(credential))));
    }

    /** Every slot the scenario took is back: the member's, the key's, each account's, and no renewal left. */
    void assertLeasesReturned() throws InterruptedException {
        var leases = relay.server.parts().coordination().leases();
        awaitTrue(() -> leases.inUse("limits:conc:user:" + user) == 0 && leases.inUse("limits:conc:key:" + keyId) == 0
                && accounts.stream().allMatch(id -> leases.inUse(PoolSelector.leaseKey(id)) == 0), "leases back to zero");
    }

    /**
     * Waits for {@code count} usage rows and for the balance to have moved by exactly what they charged; returns the
     * rows, oldest first.
     */
    List<UsageLogRecord> settledRows(int count) throws InterruptedException {
        awaitTrue(() -> rows().size() == count && balance().compareTo(START_BALANCE.subtract(charged())) == 0,
                count + " usage rows settled");
        return rows();
    }

    List<UsageLogRecord> rows() {
        return postgres.dsl().selectFrom(USAGE_LOG).where(USAGE_LOG.USER_ID.eq(user)).orderBy(USAGE_LOG.ID).fetch();
    }

    BigDecimal charged() {
        return rows().stream().map(UsageLogRecord::getActualCost).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    BigDecimal balance() {
        return postgres.dsl().select(USERS.BALANCE).from(USERS).where(USERS.ID.eq(user)).fetchSingle().value1();
    }

    long accountId(String credential) {
        return accounts.get(credentials.indexOf(credential));
    }

    static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        for (int i = 0; i < 200 && !condition.getAsBoolean(); i++) {
            Thread.sleep(25);
        }
        assertThat(condition.getAsBoolean()).as(what + " within 5 s").isTrue();
    }

    static long millisSince(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
    }
}
