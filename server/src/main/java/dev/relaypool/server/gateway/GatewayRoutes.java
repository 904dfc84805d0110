package dev.relaypool.server.gateway;

import dev.relaypool.server.api.TrustedProxies;
import dev.relaypool.server.config.RelaypoolConfig;
import dev.relaypool.server.gateway.upstream.UpstreamCaller;
import dev.relaypool.server.gateway.upstream.UpstreamClients;
import dev.relaypool.server.gateway.upstream.UpstreamTrust;
import dev.relaypool.server.http.RequestIdHandler;
import dev.relaypool.server.net.UpstreamAddressPolicy;
import dev.relaypool.server.http.VirtualThreadDispatchHandler;
import dev.relaypool.server.usage.UsageSink;
import io.undertow.server.HttpHandler;
import java.time.Clock;
import dev.relaypool.server.events.SerialWorker;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The gateway's front door: the Anthropic, OpenAI and Gemini routes as one Undertow handler, built from the
 * collaborators the composition root provides. Close it on shutdown (upstream connections, virtual threads).
 */
public final class GatewayRoutes implements AutoCloseable {
    /** What the gateway needs from the rest of the server. */
    public record Collaborators(KeyAuthenticator authenticator, AccountSelector selector, ModelCatalog models,
                                UsageSink usage, Clock clock, Admission admission) {
        /** Without billing or limits ({@link Admission#OPEN}). */
        public Collaborators(KeyAuthenticator authenticator, AccountSelector selector, ModelCatalog models,
                             UsageSink usage, Clock clock) {
            this(authenticator, selector, models, usage, clock, Admission.OPEN);
        }

        public Collaborators {
            java.util.Objects.requireNonNull(admission, "admission");
            java.util.Objects.requireNonNull(authenticator, "authenticator");
            java.util.Objects.requireNonNull(selector, "selector");
            java.util.Objects.requireNonNull(models, "models");
            java.util.Objects.requireNonNull(usage, "usage");
            java.util.Objects.requireNonNull(clock, "clock");
        }
    }

    private final ExecutorService virtualThreads = Executors.newVirtualThreadPerTaskExecutor();
    /** Request log lines, written after the answer; far behind, the request writes its own line (none is lost). */
    private final SerialWorker requestLog = new SerialWorker("relaypool-request-log", 10_000,
            SerialWorker.WhenFull.RUN_HERE);
    private final UpstreamClients clients;
    private final UpstreamCaller caller;
    private final HttpHandler handler;

    public GatewayRoutes(RelaypoolConfig config, Optional<UpstreamTrust> trust, Collaborators collaborators) {
        this.clients = new UpstreamClients(config.gateway(), UpstreamAddressPolicy.fromConfig(config.security()), trust);
        this.caller = new UpstreamCaller(clients, config.gateway(), collaborators.clock());
        Forwarder forwarder = new Forwarder(collaborators.selector(), caller, new UsageRecords(collaborators.usage(), requestLog),
                config.gateway().maxAccountSwitches());
        GatewayHandler gateway = new GatewayHandler(collaborators.authenticator(),
                new RequestBodies(config.server().maxBodyBytes(), config.server().clientTimeouts().body()),
                new ModelsResponder(collaborators.models()), collaborators.admission(), forwarder,
                KeepAliveSink.Settings.DEFAULTS, collaborators.clock(), new TrustedProxies(config.server().trustedProxies()));
        this.handler = new RequestIdHandler(new VirtualThreadDispatchHandler(virtualThreads, gateway));
    }

    /** Mount at the root of the server's path handler: it answers every path it does not know with a 404. */
    public HttpHandler handler() {
        return handler;
    }

    @Override
    public void close() {
        virtualThreads.shutdownNow();
        requestLog.close();
        caller.close();
        clients.close();
    }
}
