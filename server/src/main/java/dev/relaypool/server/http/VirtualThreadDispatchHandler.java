package dev.relaypool.server.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.slf4j.MDC;

/**
 * Moves a request off the IO thread onto a virtual thread in blocking mode, with the request id in the logging
 * MDC for as long as the handler runs. The IO thread never waits on anything.
 */
public final class VirtualThreadDispatchHandler implements HttpHandler {
    public static final String MDC_KEY = "requestId";

    private final Executor executor;
    private final HttpHandler next;

    public VirtualThreadDispatchHandler(Executor executor, HttpHandler next) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.next = Objects.requireNonNull(next, "next");
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (exchange.isInIoThread()) {
            exchange.startBlocking();
            exchange.dispatch(executor, this);
            return;
        }
        MDC.put(MDC_KEY, RequestIdHandler.of(exchange));
        try {
            next.handleRequest(exchange);
        } finally {
            MDC.remove(MDC_KEY);
        }
    }
}
