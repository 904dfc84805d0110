package dev.relaypool.server.gateway;

import dev.relaypool.server.gateway.upstream.CancelSignal;
import dev.relaypool.server.gateway.upstream.OutboundRequest;
import dev.relaypool.server.gateway.upstream.UpstreamCaller;
import dev.relaypool.server.gateway.upstream.UpstreamCaller.Attempt;
import dev.relaypool.server.gateway.upstream.UpstreamTimeouts;
import dev.relaypool.server.usage.TokenUsage;
import dev.relaypool.server.usage.UsageRecord;
import dev.relaypool.server.usage.UsageSink;
import io.undertow.server.HttpServerExchange;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a request upstream, failing over to another account while nothing has reached the client yet, and
 * hands exactly one usage record per request to the usage sink. Every lease is released, whatever happens.
 */
final class Forwarder {
    private static final Logger log = LoggerFactory.getLogger(Forwarder.class);

    private record LastFailure(UpstreamAccount account, String upstreamModel, FailureClass failure,
                               Optional<Duration> retryAfter) {}

    private final AccountSelector selector;
    private final UpstreamCaller caller;
    private final UsageRecords usage;
    private final int maxSwitches;

    Forwarder(AccountSelector selector, UpstreamCaller caller, UsageRecords usage, int maxSwitches) {
        this.selector = selector;
        this.caller = caller;
        this.usage = usage;
        this.maxSwitches = maxSwitches;
    }

    /**
     * {@code sink}: the client's side, possibly already opened by keep-alive pings during admission;
     * {@code session}: the conversation's key for sticky routing ({@link SessionKeys}).
     */
    void forward(HttpServerExchange exchange, KeepAliveSink sink, RequestContext ctx, byte[] body,
                 RequestEnvelope envelope, Optional<String> session) {
        List<Map.Entry<String, String>> headers = clientHeaders(exchange);
        String query = queryWithoutKey(exchange.getQueryString());
        CancelSignal signal = new CancelSignal();
        Set<Long> tried = new LinkedHashSet<>();
        LastFailure last = null;
        Optional<Duration> poolBack = Optional.empty();
        try (ConnectionWatch.Handle watched = ConnectionWatch.of(exchange.getConnection()).watch(signal)) {
            for (int attempt = 0; attempt <= maxSwitches; attempt++) {
                Set<Long> excluded = Set.copyOf(tried);
                Selection selection = sink.waiting(() -> selector.select(ctx.key(), envelope.model(), session, excluded));
                if (selection instanceof Selection.NoneAvailable(GatewayError reason, Duration retryAfter)) {
                    if (last == null) {
                        Optional<Duration> wait = retryAfter.isZero() ? Optional.empty() : Optional.of(retryAfter);
                        int status = fail(exchange, sink, ctx.dialect(), reason, wait);
                        usage.record(ctx, envelope, null, null, status, TokenUsage.NONE, null, reason.code());
                        return;
                    }
                    // without a provider's hint, the client still learns when the pool (tried accounts included) is back
                    poolBack = retryAfter.isZero() ? Optional.empty() : Optional.of(retryAfter);
                    break;
                }
                Selection.Chosen chosen = (Selection.Chosen) selection;
                UpstreamAccount account = chosen.account();
                try {
                    if (account.platform() != ctx.endpoint().platform()) {
                        throw new IllegalStateException("selector chose a " + account.platform() + " account for "
                                + ctx.endpoint());
                    }
                    OutboundRequest outbound = new OutboundRequest("POST",
                            ctx.endpoint().upstreamPath(chosen.upstreamModel()) + query, headers,
                            envelope.bodyFor(body, chosen.upstreamModel(), envelope.addsUsage(ctx.endpoint())),
                            envelope.stream());
                    LastFailure failure = attempt(sink, ctx, envelope, chosen, outbound, signal, session);
                    if (failure == null) {
                        return;
                    }
                    last = failure;
                    tried.add(account.id());
                    if (!failure.failure().failover()) {
                        break;
                    }
                } finally {
                    chosen.lease().release();
                }
            }
        }
        GatewayError error = last.failure().error();
        int status = fail(exchange, sink, ctx.dialect(), error, last.retryAfter().isPresent() ? last.retryAfter() : poolBack);
        usage.record(ctx, envelope, last.account(), last.upstreamModel(), status, TokenUsage.NONE, null,
                last.failure().name().toLowerCase(java.util.Locale.ROOT));
    }

    /** One attempt; null when the request is finished (answered, or the client left), else why it failed. */
    /**
     * The error as a response, or, when keep-alive pings already sent the status line, as the protocol's in-band
     * error event (never a clean-looking end). Returns the status the error stands for, for the usage record.
     */
    private static int fail(HttpServerExchange exchange, KeepAliveSink sink, Dialect dialect, GatewayError error,
                            Optional<Duration> retryAfter) {
        if (!sink.opened()) {
            return ErrorResponder.send(exchange, dialect, error, error.defaultMessage(), retryAfter);
        }
        sink.endWithError(error, error.defaultMessage());
        return dialect.status(error);
    }

    private LastFailure attempt(KeepAliveSink sink, RequestContext ctx, RequestEnvelope envelope,
                                Selection.Chosen chosen, OutboundRequest outbound, CancelSignal signal,
                                Optional<String> session) {
        UpstreamAccount account = chosen.account();
        switch (caller.call(account, outbound, signal)) {
            case Attempt.Failed(FailureClass failure, Optional<Duration> retryAfter, String detail) -> {
                selector.onFailure(account, failure, retryAfter);
                log.info("account {} failed before the first byte: {} ({})", account.id(), failure, detail);
                return new LastFailure(account, chosen.upstreamModel(), failure, retryAfter);
            }
            case Attempt.ClientGone() -> {
                usage.record(ctx, envelope, account, chosen.upstreamModel(), 499, TokenUsage.NONE, null, "client_gone");
                return null;
            }
            case Attempt.Answered(Response answered, UpstreamTimeouts.Watch watched) -> {
                try (Response response = answered; UpstreamTimeouts.Watch watch = watched) {
                    selector.onUpstreamHeaders(account, response::header);
                    if (response.code() < 300) {
                        // bind the session now: once the client has the last byte it may send its next turn at once,
                        // before settle() runs; an account that then fails cools down and loses the binding anyway
                        selector.onSuccess(ctx.key(), session, account);
                    }
                    Relay relay = new Relay(ctx.dialect(), sink, signal, ctx.startNanos(),
                            envelope.addsUsage(ctx.endpoint()), (status, tokens, firstByte) -> usage.record(ctx,
                                    envelope, account, chosen.upstreamModel(), status, tokens, firstByte, null));
                    RelayResult result = relay.relay(response, watch, envelope.stream());
                    return settle(ctx, envelope, chosen, result, relay.completionReported());
                }
            }
        }
    }

    /** {@code recorded}: the relay already recorded the usage just before the answer's last bytes. */
    private LastFailure settle(RequestContext ctx, RequestEnvelope envelope, Selection.Chosen chosen, RelayResult result,
                               boolean recorded) {
        UpstreamAccount account = chosen.account();
        String upstreamModel = chosen.upstreamModel();
        switch (result) {
            case RelayResult.FailedBeforeFirstByte(FailureClass failure, String detail) -> {
                selector.onFailure(account, failure, Optional.empty());
                log.info("account {} failed before the first byte: {} ({})", account.id(), failure, detail);
                return new LastFailure(account, upstreamModel, failure, Optional.empty());
            }
            case RelayResult.Delivered(int status, TokenUsage tokens, Long firstByte, FailureClass brokenBy) -> {
                if (brokenBy == null) {
                    if (status >= 300) { // a 4xx the client must fix says nothing of the account; no binding
                        selector.onSuccess(ctx.key(), Optional.empty(), account);
                    } else {
                        selector.onDelivered(account);
                    }
                } else {
                    selector.onFailure(account, brokenBy, Optional.empty());
                    log.warn("account {} stream broke after the first byte: {}", account.id(), brokenBy);
                }
                if (!recorded) {
                    usage.record(ctx, envelope, account, upstreamModel, status, tokens, firstByte,
                            brokenBy == null ? null : brokenBy.name().toLowerCase(java.util.Locale.ROOT));
                }
                return null;
            }
            case RelayResult.ClientGone(int status, TokenUsage tokens, Long firstByte) -> {
                if (recorded) { // left while the last bytes were being written: the answer is already billed
                    return null;
                }
                usage.record(ctx, envelope, account, upstreamModel, firstByte == null ? 499 : status, tokens, firstByte,
                        "client_gone");
                return null;
            }
        }
    }

    private static List<Map.Entry<String, String>> clientHeaders(HttpServerExchange exchange) {
        List<Map.Entry<String, String>> headers = new java.util.ArrayList<>();
        exchange.getRequestHeaders().forEach(values -> values.forEach(v -> headers.add(Map.entry(values.getHeaderName().toString(), v))));
        return headers;
    }

    /** The client's query as sent, minus {@code key} (a Gemini client's Relaypool key). */
    static String queryWithoutKey(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        StringBuilder kept = new StringBuilder();
        for (String part : rawQuery.split("&")) {
            String name = java.net.URLDecoder.decode(part.split("=", 2)[0], java.nio.charset.StandardCharsets.UTF_8);
            if (!part.isEmpty() && !name.equals("key")) {
                kept.append(kept.isEmpty() ? "?" : "&").append(part);
            }
        }
        return kept.toString();
    }
}
