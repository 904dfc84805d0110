package dev.relaypool.server.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/** {@code /healthz}: the process answers. {@code /readyz}: every dependency answers, else 503 naming the ones that do not. */
public final class HealthHandler implements HttpHandler {
    /** A named dependency check; {@code check} must be quick and must not throw. */
    public record Probe(String name, BooleanSupplier check) {}

    private final List<Probe> probes;

    private HealthHandler(List<Probe> probes) {
        this.probes = List.copyOf(probes);
    }

    public static HealthHandler alive() {
        return new HealthHandler(List.of());
    }

    public static HealthHandler ready(List<Probe> probes) {
        return new HealthHandler(probes);
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        if (exchange.isInIoThread() && !probes.isEmpty()) {
            exchange.dispatch(this); // probes block (database, Redis)
            return;
        }
        List<String> failing = new ArrayList<>();
        for (Probe probe : probes) {
            if (!probe.check().getAsBoolean()) {
                failing.add(probe.name());
            }
        }
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        if (failing.isEmpty()) {
            exchange.getResponseSender().send("{\"status\":\"ok\"}");
        } else {
            exchange.setStatusCode(503);
            exchange.getResponseSender().send("{\"status\":\"unavailable\",\"failing\":[\""
                    + String.join("\",\"", failing) + "\"]}");
        }
    }
}
