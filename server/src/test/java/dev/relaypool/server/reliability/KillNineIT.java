package dev.relaypool.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.server.config.ConfigLoader;
import dev.relaypool.server.coordination.Coordination;
import dev.relaypool.server.testing.PostgresExtension;
import dev.relaypool.server.testing.RedisServerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.postgresql.ds.PGSimpleDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code kill -9} of the relay process under streaming and non-streaming load, then a restart on the same data
 * directory: every request the client saw answered completely is billed exactly once, the money matches the rows,
 * no slot stays taken and no account stays cooled down.
 */
class KillNineIT {
    @RegisterExtension
    static final PostgresExtension postgres = new PostgresExtension();
    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    @Test
    void billsEveryAnsweredRequestOnceAfterAKillAndRestart() {
        try (CrashRun run = new CrashRun().externalDatabase(postgres)) {
            Books.Tenant tenant = run.seed();
            killMidLoadThenRestart(run, tenant, postgres.dsl(), Optional.empty());
        }
    }

    @Test
    void leasesInRedisExpireAndNothingStaysCooledDownAfterAKill() {
        try (CrashRun run = new CrashRun().externalDatabase(postgres).redis(redis.url());
             Coordination redisView = Coordination.create(
                     ConfigLoader.load(null, Map.of("RELAYPOOL_REDIS_URL", redis.url().toString())), Clock.systemUTC())) {
            Books.Tenant tenant = run.seed();
            killMidLoadThenRestart(run, tenant, postgres.dsl(), Optional.of(redisView));
            assertThat(redisView.cooldowns().get(tenant.accountId())).as("account cooled down").isEmpty();
        }
    }

    @Test
    void restartsOverThePostgresLeftRunningByAKilledRelayWithTheEmbeddedDatabase() throws Exception {
        try (CrashRun run = new CrashRun()) {
            int port = RelayProcess.freePort();
            run.environment.put("RELAYPOOL_DATABASE_EMBEDDED_PORT", Integer.toString(port));
            Books.Tenant tenant = run.seed(); // initdb, start and clean stop of the embedded PostgreSQL
            Path pgData = Path.of(run.environment.get("RELAYPOOL_DATA_DIR")).resolve("postgres");
            String password = Files.readString(pgData.resolveSibling("postgres.password")).strip();
            AtomicReference<ProcessHandle> orphan = new AtomicReference<>();
            PGSimpleDataSource embedded = new PGSimpleDataSource(); // connects per query: the server comes and goes
            embedded.setUrl("jdbc:postgresql://127.0.0.1:" + port + "/relaypool");
            embedded.setUser("relaypool");
            embedded.setPassword(password);
            DSLContext db = DSL.using(embedded, SQLDialect.POSTGRES);
            try {
                killMidLoadThenRestart(run, tenant, db, Optional.empty(), () -> {
                    long pid = Long.parseLong(Files.readAllLines(pgData.resolve("postmaster.pid")).getFirst().strip());
                    orphan.set(ProcessHandle.of(pid).orElseThrow());
                    assertThat(orphan.get().isAlive()).as("the killed relay's PostgreSQL is still running").isTrue();
                    return orphan.get();
                });
            } finally {
                if (orphan.get() != null && orphan.get().isAlive()) { // never leave a server behind
                    orphan.get().destroyForcibly();
                }
            }
            assertThat(pgData.resolve("postmaster.pid")).as("the relay's clean stop stopped its PostgreSQL").doesNotExist();
        }
    }

    private interface Check<T> {
        T get() throws Exception;
    }

    private static void killMidLoadThenRestart(CrashRun run, Books.Tenant tenant, DSLContext db,
                                                      Optional<Coordination> redisView) {
        try {
            killMidLoadThenRestart(run, tenant, db, redisView, () -> null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code afterKill} runs once the process is dead and returns a process the restart must have stopped. */
    private static void killMidLoadThenRestart(CrashRun run, Books.Tenant tenant, DSLContext db,
                                                      Optional<Coordination> redisView, Check<ProcessHandle> afterKill)
            throws Exception {
        List<Load.Outcome> beforeKill;
        ProcessHandle leftover;
        try (RelayProcess relay = run.startRelay()) {
            Load load = Load.start(run.relayUrl::get, tenant.key(), 12);
            run.awaitBusy(load, 12);
            assertThat(run.upstream.openStreams()).as("streams in flight at the kill").isPositive();
            relay.killNine();
            beforeKill = load.stop();
            leftover = afterKill.get();
        }
        assertThat(beforeKill).as("requests cut short by the kill").anyMatch(outcome -> !outcome.complete());
        redisView.ifPresent(view -> assertThat(view.leases().inUse("limits:conc:user:" + tenant.userId()))
                .as("the dead relay's slots are still held in Redis, until their TTL").isPositive());

        try (RelayProcess restarted = run.startRelay()) {
            if (leftover != null) {
                assertThat(leftover.isAlive()).as("the leftover PostgreSQL was stopped").isFalse();
            }
            Load after = Load.start(run.relayUrl::get, tenant.key(), 4);
            RelayProcess.sleep(1_500);
            List<Load.Outcome> afterRestart = after.stop();
            assertThat(afterRestart).as("the restarted relay serves (the account is not cooled down)")
                    .isNotEmpty().allMatch(Load.Outcome::complete);
            Set<String> answered = new HashSet<>(Load.completeIds(beforeKill));
            answered.addAll(Load.completeIds(afterRestart));
            Books.awaitSettled(db, tenant, answered, Duration.ofSeconds(30));
            Books.assertReconciled(db, tenant, answered); // while the relay (and an embedded database) still runs
            redisView.ifPresent(view -> Outages.awaitNoLeases(view, tenant));
            assertThat(restarted.terminate(Duration.ofSeconds(30))).as("exit status after SIGTERM").isZero();
        }
    }
}
