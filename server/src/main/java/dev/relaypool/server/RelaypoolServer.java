package dev.relaypool.server;

import dev.relaypool.server.config.RelaypoolConfig;
import dev.relaypool.server.http.HealthHandler;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.handlers.PathHandler;
import java.net.InetSocketAddress;

/** One running relay node: everything {@link Main} wires, startable in-process by tests on port 0. */
public final class RelaypoolServer implements AutoCloseable {
    private final Undertow undertow;

    private RelaypoolServer(Undertow undertow) {
        this.undertow = undertow;
    }

    public static RelaypoolServer start(RelaypoolConfig config) {
        return start(config, io.undertow.server.handlers.ResponseCodeHandler.HANDLE_404);
    }

    /** {@code gateway} answers every path not mounted otherwise (see {@code GatewayRoutes#handler()}). */
    public static RelaypoolServer start(RelaypoolConfig config, io.undertow.server.HttpHandler gateway) {
        PathHandler routes = new PathHandler(gateway)
                .addExactPath("/healthz", HealthHandler.alive())
                .addExactPath("/readyz", HealthHandler.ready(java.util.List.of()));
        Undertow undertow = Undertow.builder()
                .addHttpListener(config.server().port(), config.server().host())
                .setServerOption(UndertowOptions.MAX_HEADER_SIZE, config.server().maxHeaderBytes())
                .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, -1L) // limited per exchange, see BodyLimitHandler
                .setHandler(new dev.relaypool.server.http.BodyLimitHandler(config.server().maxBodyBytes(), routes))
                .build();
        undertow.start();
        return new RelaypoolServer(undertow);
    }

    public int port() {
        return ((InetSocketAddress) undertow.getListenerInfo().getFirst().getAddress()).getPort();
    }

    @Override
    public void close() {
        undertow.stop();
    }
}
