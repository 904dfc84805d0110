package dev.relaypool.server.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.relaypool.server.config.RelaypoolConfig;
import dev.relaypool.server.storage.Database;
import dev.relaypool.server.storage.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.apache.commons.io.FileUtils;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL for integration tests: ONE embedded server per test JVM (started on first use on a free
 * loopback port, stopped by a JVM shutdown hook) and a fresh, fully migrated database per test class, dropped
 * after the class. Register it on a static field:
 *
 * <pre>{@code
 * @RegisterExtension static final PostgresExtension postgres = new PostgresExtension();
 *
 * @Test void storesUsers() {
 *     postgres.dsl().insertInto(USERS)...;                       // jOOQ on this class's database
 *     try (RelaypoolServer server = RelaypoolServer.start(postgres.configure(config))) { ... } // same database
 * }
 * }</pre>
 *
 * Tests in one class share the database: clean up what you write, or write rows that do not collide. The server is
 * tuned for speed (fsync off) and must never hold data that matters.
 */
public final class PostgresExtension implements BeforeAllCallback, AfterAllCallback {
    private static final String TEMPLATE = "relaypool_template";
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgres server; // guarded by PostgresExtension.class

    private String databaseName;
    private HikariDataSource dataSource;
    private DSLContext dsl;

    @Override
    public void beforeAll(ExtensionContext context) throws SQLException {
        EmbeddedPostgres postgres = server();
        databaseName = "test_" + COUNTER.incrementAndGet();
        execute(postgres, "CREATE DATABASE " + databaseName + " TEMPLATE " + TEMPLATE);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl());
        config.setUsername(postgres.user());
        config.setPassword(postgres.password());
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(0);
        config.setPoolName("test-" + databaseName);
        dataSource = new HikariDataSource(config);
        dsl = DSL.using(dataSource, SQLDialect.POSTGRES);
    }

    @Override
    public void afterAll(ExtensionContext context) throws SQLException {
        if (dataSource != null) {
            dataSource.close();
        }
        execute(server(), "DROP DATABASE IF EXISTS " + databaseName + " WITH (FORCE)");
    }

    /** JDBC URL of this test class's database (user and password separately). */
    public String jdbcUrl() {
        return server().jdbcUrl(databaseName);
    }

    public String user() { return server().user(); }

    public String password() { return server().password(); }

    /** A small pool on this class's database. */
    public DataSource dataSource() { return dataSource; }

    /** jOOQ on this class's database (each statement auto-commits; use {@code dsl().transaction(...)} for more). */
    public DSLContext dsl() { return dsl; }

    /** {@code config} pointing at this class's database instead of the embedded default. */
    public RelaypoolConfig configure(RelaypoolConfig config) {
        RelaypoolConfig.Database db = config.database();
        return new RelaypoolConfig(config.dataDir(), config.server(),
                new RelaypoolConfig.Database(Optional.of(jdbcUrl()), user(), password(), db.poolSize(), db.embeddedPort()),
                config.redis(), config.security(), config.gateway(), config.billing(), config.scheduling(), config.oauth(),
                config.metrics());
    }

    /**
     * A PostgreSQL outage: stops the server shared by this JVM's tests (so only for a test that runs alone, as
     * Failsafe runs classes one at a time) until {@link #startServer()}, which brings it back on the same port.
     */
    public void stopServer() {
        server().suspend();
    }

    /** Ends the outage {@link #stopServer()} began; returns once PostgreSQL accepts connections again. */
    public void startServer() {
        server().resume();
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            Path dir;
            try {
                dir = Files.createTempDirectory("relaypool-test-pg");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            EmbeddedPostgres started = EmbeddedPostgres.start(dir.resolve("pgdata"), 0, false);
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("test-postgres-stop").unstarted(() -> {
                started.close();
                FileUtils.deleteQuietly(dir.toFile());
            }));
            // migrate once into a template; every test database is a cheap copy of it
            started.createDatabaseIfAbsent(TEMPLATE);
            Database.migrate(started.jdbcUrl(TEMPLATE), started.user(), started.password());
            server = started;
        }
        return server;
    }

    private static void execute(EmbeddedPostgres postgres, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl("postgres"), postgres.user(), postgres.password());
             Statement statement = c.createStatement()) {
            statement.execute(sql);
        }
    }
}
