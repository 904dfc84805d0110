package dev.relaypool.server.gateway;

import dev.relaypool.server.http.RequestIdHandler;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import dev.relaypool.server.api.TrustedProxies;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A gateway request on its virtual thread: route, authenticate, check the key's platform, then answer locally
 * (model listings) or read the body and forward. The one place where an unexpected exception becomes a response.
 */
final class GatewayHandler implements HttpHandler {
    private static final Logger log = LoggerFactory.getLogger(GatewayHandler.class);

    private final KeyAuthenticator authenticator;
    private final RequestBodies bodies;
    private final ModelsResponder models;
    private final Admission admission;
    private final Forwarder forwarder;
    private final KeepAliveSink.Settings keepAlive;
    private final Clock clock;
    private final TrustedProxies proxies;

    GatewayHandler(KeyAuthenticator authenticator, RequestBodies bodies, ModelsResponder models, Admission admission,
                   Forwarder forwarder, KeepAliveSink.Settings keepAlive, Clock clock, TrustedProxies proxies) {
        this.proxies = proxies;
        this.authenticator = authenticator;
        this.bodies = bodies;
        this.models = models;
        this.admission = admission;
        this.forwarder = forwarder;
        this.keepAlive = keepAlive;
        this.clock = clock;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        long startNanos = System.nanoTime();
        Dialect guessed = Dialects.guess(exchange.getRequestPath(), exchange.getRequestHeaders());
        try {
            switch (Router.match(exchange.getRequestMethod().toString(), exchange.getRequestPath())) {
                case RouteMatch.NotFound() -> ErrorResponder.send(exchange, guessed, GatewayError.NOT_FOUND);
                case RouteMatch.MethodNotAllowed(String allowed) -> {
                    exchange.getResponseHeaders().put(Headers.ALLOW, allowed);
                    ErrorResponder.send(exchange, guessed, GatewayError.METHOD_NOT_ALLOWED);
                }
                case RouteMatch.Matched(Endpoint endpoint, Optional<String> pathModel) ->
                        authenticated(exchange, endpoint, pathModel, startNanos);
            }
        } catch (RuntimeException e) {
            log.error("gateway request failed", e);
            ExchangeSink.abandon(exchange); // ended here, on this thread
            if (!exchange.isResponseStarted()) {
                exchange.getResponseHeaders().remove(Headers.CONTENT_LENGTH);
                ErrorResponder.send(exchange, guessed, GatewayError.INTERNAL);
            } else {
                exchange.setPersistent(false); // the client must not take a cut answer for a whole one
            }
        } finally {
            if (!ExchangeSink.handOffEnd(exchange)) {
                exchange.endExchange();
            }
        }
    }

    private void authenticated(HttpServerExchange exchange, Endpoint endpoint, Optional<String> pathModel,
                               long startNanos) {
        Dialect guessed = endpoint.platform() == null
                ? Dialects.guess(exchange.getRequestPath(), exchange.getRequestHeaders()) : endpoint.dialect(null);
        Optional<String> presented = PresentedKey.from(exchange);
        if (presented.isEmpty()) {
            ErrorResponder.send(exchange, guessed, GatewayError.MISSING_KEY);
            return;
        }
        KeyContext key;
        Optional<InetAddress> client = client(exchange);
        switch (authenticator.authenticate(presented.get(), client)) {
            case KeyLookup.Active(KeyContext active) -> key = active;
            case KeyLookup.Unknown() -> {
                ErrorResponder.send(exchange, guessed, GatewayError.UNKNOWN_KEY);
                return;
            }
            case KeyLookup.Disabled() -> {
                ErrorResponder.send(exchange, guessed, GatewayError.KEY_DISABLED);
                return;
            }
            case KeyLookup.Expired() -> {
                ErrorResponder.send(exchange, guessed, GatewayError.KEY_EXPIRED);
                return;
            }
            case KeyLookup.OverQuota(String message) -> {
                ErrorResponder.send(exchange, guessed, GatewayError.QUOTA_EXCEEDED, message, Optional.empty());
                return;
            }
            case KeyLookup.AddressRefused(String message) -> {
                ErrorResponder.send(exchange, guessed, GatewayError.ADDRESS_NOT_ALLOWED, message, Optional.empty());
                return;
            }
            case KeyLookup.Throttled(java.time.Duration retryAfter) -> {
                ErrorResponder.send(exchange, guessed, GatewayError.TOO_MANY_INVALID_KEYS,
                        GatewayError.TOO_MANY_INVALID_KEYS.defaultMessage(), Optional.of(retryAfter));
                return;
            }
        }
        Dialect dialect = endpoint.dialect(key.platform());
        if (endpoint.platform() != null && endpoint.platform() != key.platform()) {
            ErrorResponder.send(exchange, dialect, GatewayError.WRONG_PLATFORM, "This API key belongs to a "
                    + key.platform().wireName() + " group; it cannot call " + exchange.getRequestPath() + ".",
                    Optional.empty());
            return;
        }
        RequestContext ctx = new RequestContext(RequestIdHandler.of(exchange), endpoint, dialect, key, startNanos,
                clock.instant(), client.map(InetAddress::getHostAddress).orElse(null), exchange.getRequestHeaders().getFirst(Headers.USER_AGENT));
        if (!endpoint.forwarded()) {
            models.respond(exchange, ctx, pathModel);
            return;
        }
        switch (bodies.read(exchange)) {
            case RequestBodies.Body.TooLarge() -> ErrorResponder.send(exchange, dialect, GatewayError.BODY_TOO_LARGE);
            case RequestBodies.Body.TooSlow() -> ErrorResponder.send(exchange, dialect, GatewayError.BODY_TIMEOUT);
            case RequestBodies.Body.ClientGone() -> exchange.setPersistent(false);
            case RequestBodies.Body.Read(byte[] body) -> {
                SessionKeys.Material session = new SessionKeys.Material(key.platform()); // gathered by the one parse
                switch (EnvelopeReader.read(body, pathModel, endpoint == Endpoint.GEMINI_STREAM, session)) {
                    case EnvelopeReader.Result.Invalid(GatewayError error) -> ErrorResponder.send(exchange, dialect, error);
                    case EnvelopeReader.Result.Read(RequestEnvelope envelope) -> admitted(exchange, ctx, body, envelope,
                            SessionKeys.derive(exchange.getRequestHeaders()::getFirst, session));
                }
            }
        }
    }

    /**
     * Billing and limits, then forwarding; the admitted request's slots are released on every path. A streaming
     * request that waits for a slot gets keep-alive pings ({@link KeepAliveSink}); its refusal is then in-band.
     */
    private void admitted(HttpServerExchange exchange, RequestContext ctx, byte[] body, RequestEnvelope envelope,
                          Optional<String> session) {
        KeepAliveSink sink = new KeepAliveSink(new ExchangeSink(exchange), ctx.dialect(), keepAlive,
                envelope.stream() && readsSse(exchange, ctx.endpoint()));
        switch (sink.waiting(() -> admission.admit(ctx.key(), envelope.model()))) {
            case Admission.Verdict.Refused(GatewayError error, String message, Optional<java.time.Duration> retryAfter) -> {
                if (sink.opened()) {
                    sink.endWithError(error, message);
                } else {
                    ErrorResponder.send(exchange, ctx.dialect(), error, message, retryAfter);
                }
            }
            case Admission.Verdict.Admitted(Releasable leases) -> {
                try {
                    forwarder.forward(exchange, sink, ctx, body, envelope, session);
                } finally {
                    leases.release();
                }
            }
        }
    }

    /** A Gemini stream is a JSON array unless the client asked for {@code alt=sse}; SSE comments would break it. */
    private static boolean readsSse(HttpServerExchange exchange, Endpoint endpoint) {
        if (endpoint != Endpoint.GEMINI_STREAM) {
            return true;
        }
        java.util.Deque<String> alt = exchange.getQueryParameters().get("alt");
        return alt != null && alt.contains("sse");
    }

    /** The client's address: the TCP peer, or what X-Forwarded-For says when the peer is a trusted proxy. */
    private Optional<InetAddress> client(HttpServerExchange exchange) {
        InetSocketAddress source = exchange.getSourceAddress();
        if (source == null || source.getAddress() == null) {
            return Optional.empty();
        }
        return Optional.of(proxies.client(source.getAddress(),
                exchange.getRequestHeaders().getFirst(Headers.X_FORWARDED_FOR)));
    }
}
