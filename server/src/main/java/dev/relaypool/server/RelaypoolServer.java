package dev.relaypool.server;

import dev.relaypool.server.config.RelaypoolConfig;
import dev.relaypool.server.coordination.Coordination;
import dev.relaypool.server.http.HealthHandler;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.handlers.PathHandler;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** One running relay node: everything {@link Main} wires, startable in-process by tests on port 0. */
public final class RelaypoolServer implements AutoCloseable {
    private final Undertow undertow;
    private final Coordination coordination;

    private RelaypoolServer(Undertow undertow, Coordination coordination) {
        this.undertow = undertow;
        this.coordination = coordination;
    }

    public static RelaypoolServer start(RelaypoolConfig config) {
        Coordination coordination = Coordination.create(config, Clock.systemUTC());
        List<HealthHandler.Probe> probes = new ArrayList<>();
        if (config.redis().url().isPresent()) {
            probes.add(new HealthHandler.Probe("redis", coordination::ping));
        }
        PathHandler routes = new PathHandler()
                .addExactPath("/healthz", HealthHandler.alive())
                .addExactPath("/readyz", HealthHandler.ready(probes));
        Undertow undertow = Undertow.builder()
                .addHttpListener(config.server().port(), config.server().host())
                .setServerOption(UndertowOptions.MAX_HEADER_SIZE, config.server().maxHeaderBytes())
                .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, config.server().maxBodyBytes())
                .setHandler(routes)
                .build();
        undertow.start();
        return new RelaypoolServer(undertow, coordination);
    }

    public int port() {
        return ((InetSocketAddress) undertow.getListenerInfo().getFirst().getAddress()).getPort();
    }

    @Override
    public void close() {
        undertow.stop();
        coordination.close();
    }
}
