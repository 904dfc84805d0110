package dev.relaypool.server.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.relaypool.server.config.RelaypoolConfig;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The front door to PostgreSQL: the embedded server under {@code <data-dir>/postgres} when no
 * {@code database.url} is configured, else the external one; a connection pool, the schema migrated by Flyway at
 * open, and jOOQ on top. Work that must be atomic goes through {@link #transaction}/{@link #transactionResult},
 * which hand the lambda a {@link DSLContext} bound to the transaction: build repositories from that context.
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);
    static final String EMBEDDED_DATABASE_NAME = "relaypool";
    private static final Duration PING_TIMEOUT = Duration.ofSeconds(1);

    private final HikariDataSource pool;
    private final EmbeddedPostgres embedded; // null with an external database
    private final DSLContext dsl;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch closedLatch = new CountDownLatch(1);
    private final Thread stopOnExit;
    private CompletableFuture<Boolean> pingInFlight;

    private Database(HikariDataSource pool, EmbeddedPostgres embedded, Duration shutdownGrace) {
        this.pool = pool;
        this.embedded = embedded;
        this.dsl = DSL.using(pool, SQLDialect.POSTGRES);
        this.stopOnExit = embedded == null ? null : stopOnExitHook(shutdownGrace);
    }

    /** Starts (embedded) or connects to PostgreSQL, migrates the schema and opens the pool. */
    public static Database open(RelaypoolConfig config) {
        RelaypoolConfig.Database settings = config.database();
        EmbeddedPostgres embedded = null;
        HikariConfig hikari = new HikariConfig();
        try {
            if (settings.embedded()) {
                embedded = EmbeddedPostgres.start(config.dataDir().resolve("postgres"), settings.embeddedPort(), true);
                embedded.createDatabaseIfAbsent(EMBEDDED_DATABASE_NAME);
                hikari.setJdbcUrl(embedded.jdbcUrl(EMBEDDED_DATABASE_NAME));
                hikari.setUsername(embedded.user());
                hikari.setPassword(embedded.password());
            } else {
                hikari.setJdbcUrl(settings.url().orElseThrow());
                hikari.setUsername(settings.user().isEmpty() ? null : settings.user());
                hikari.setPassword(settings.password().isEmpty() ? null : settings.password());
            }
            hikari.setPoolName("relaypool-db");
            hikari.setMaximumPoolSize(settings.poolSize());
            hikari.setConnectionTimeout(Duration.ofSeconds(5).toMillis()); // fail fast: callers answer 503
            hikari.setValidationTimeout(PING_TIMEOUT.toMillis());
            migrate(hikari.getJdbcUrl(), hikari.getUsername(), hikari.getPassword());
            return new Database(new HikariDataSource(hikari), embedded, config.server().shutdownGrace());
        } catch (RuntimeException e) {
            if (embedded != null) {
                embedded.close();
            }
            throw e;
        }
    }

    /**
     * Applies the Flyway migrations under {@code db/migration}; a no-op when the schema is current. Uses its own
     * connections (Flyway holds two at once, more than a small pool may have).
     */
    public static void migrate(String jdbcUrl, String user, String password) {
        var result = Flyway.configure().dataSource(jdbcUrl, user, password).locations("classpath:db/migration")
                .load().migrate();
        if (result.migrationsExecuted > 0) {
            log.info("Database schema migrated to version {}", result.targetSchemaVersion);
        }
    }

    public DSLContext dsl() { return dsl; }

    public DataSource dataSource() { return pool; }

    public void transaction(Consumer<DSLContext> work) {
        dsl.transaction(configuration -> work.accept(configuration.dsl()));
    }

    public <T> T transactionResult(Function<DSLContext, T> work) {
        return dsl.transactionResult(configuration -> work.apply(configuration.dsl()));
    }

    /**
     * True when a pooled connection answers within a second. Never throws; a slow check keeps running in the
     * background and later calls wait on it rather than piling up new ones.
     */
    public boolean ping() {
        if (closed.get()) {
            return false;
        }
        CompletableFuture<Boolean> check;
        synchronized (this) {
            if (pingInFlight == null || pingInFlight.isDone()) {
                pingInFlight = CompletableFuture.supplyAsync(this::checkConnection,
                        task -> Thread.ofVirtual().name("db-ping").start(task));
            }
            check = pingInFlight;
        }
        try {
            return check.get(PING_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    private boolean checkConnection() {
        try (Connection connection = pool.getConnection()) {
            return connection.isValid((int) PING_TIMEOUT.toSeconds());
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /** Closes the pool, then stops the embedded PostgreSQL. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closedLatch.countDown();
        if (stopOnExit != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnExit);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the hook is running or done
            }
        }
        pool.close();
        if (embedded != null) {
            embedded.close();
        }
    }

    /**
     * The embedded server is a separate process: if nobody closes this Database, stop it when the JVM exits so that
     * no orphan postmaster stays behind. It waits for the orderly close (the server drains requests first).
     */
    private Thread stopOnExitHook(Duration shutdownGrace) {
        Thread hook = Thread.ofPlatform().name("embedded-postgres-stop").unstarted(() -> {
            try {
                closedLatch.await(shutdownGrace.plusSeconds(15).toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            close();
        });
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }
}
