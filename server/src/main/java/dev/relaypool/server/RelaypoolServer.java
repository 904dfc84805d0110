package dev.relaypool.server;

import dev.relaypool.server.api.ApiHandler;
import dev.relaypool.server.api.RouteTable;
import dev.relaypool.server.api.TrustedProxies;
import dev.relaypool.server.auth.AuthModule;
import dev.relaypool.server.auth.LoginService;
import dev.relaypool.server.config.RelaypoolConfig;
import dev.relaypool.server.crypto.CredentialCipher;
import dev.relaypool.server.http.HealthHandler;
import dev.relaypool.server.storage.Database;
import dev.relaypool.server.users.AdminBootstrap;
import dev.relaypool.server.users.PasswordHasher;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.handlers.PathHandler;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.Executors;

/** One running relay node: everything {@link Main} wires, startable in-process by tests on port 0. */
public final class RelaypoolServer implements AutoCloseable {
    private final Undertow undertow;
    private final Database database;

    private RelaypoolServer(Undertow undertow, Database database) {
        this.undertow = undertow;
        this.database = database;
    }

    public static RelaypoolServer start(RelaypoolConfig config) {
        Database database = Database.open(config);
        try {
            new AdminBootstrap(database, new PasswordHasher(), System.out).run(config.security().adminEmail());
            return new RelaypoolServer(startUndertow(config, database), database);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    private static Undertow startUndertow(RelaypoolConfig config, Database database) {
        PathHandler routes = new PathHandler()
                .addExactPath("/healthz", HealthHandler.alive())
                .addExactPath("/readyz", HealthHandler.ready(java.util.List.of(
                        new HealthHandler.Probe("database", database::ping))))
                .addPrefixPath("/api", api(config, database));
        Undertow undertow = Undertow.builder()
                .addHttpListener(config.server().port(), config.server().host())
                .setServerOption(UndertowOptions.MAX_HEADER_SIZE, config.server().maxHeaderBytes())
                .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, config.server().maxBodyBytes())
                .setHandler(routes)
                .build();
        undertow.start();
        return undertow;
    }

    /** The REST API: every route of the table, authorised by its declared access, run on virtual threads. */
    private static ApiHandler api(RelaypoolConfig config, Database database) {
        AuthModule auth = new AuthModule(database, CredentialCipher.fromConfig(config), new PasswordHasher(),
                new LoginService.Policy(config.security().requireAdminTotp()), Clock.systemUTC());
        RouteTable table = RouteTable.of(auth.routes(), "Relaypool API", "v1");
        return new ApiHandler(table, auth.authenticator(), Executors.newVirtualThreadPerTaskExecutor(),
                new TrustedProxies(config.server().trustedProxies()));
    }

    public Database database() {
        return database;
    }

    public int port() {
        return ((InetSocketAddress) undertow.getListenerInfo().getFirst().getAddress()).getPort();
    }

    @Override
    public void close() {
        undertow.stop();
        database.close();
    }
}
