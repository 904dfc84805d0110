package dev.relaypool.server.gateway;

import dev.relaypool.server.usage.TokenUsage;
import dev.relaypool.server.usage.UsageRecord;
import dev.relaypool.server.usage.UsageSink;
import dev.relaypool.server.http.VirtualThreadDispatchHandler;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Builds the one usage record of a request and hands it to the sink (which makes it durable before it returns);
 * the request's log line is written after, on {@code afterAnswer}'s thread, so that formatting it delays neither
 * the answer nor the connection's next request.
 */
final class UsageRecords {
    private static final Logger log = LoggerFactory.getLogger(UsageRecords.class);

    private final UsageSink sink;
    private final Executor afterAnswer;

    UsageRecords(UsageSink sink, Executor afterAnswer) {
        this.sink = sink;
        this.afterAnswer = afterAnswer;
    }

    void record(RequestContext ctx, RequestEnvelope envelope, UpstreamAccount account, String upstreamModel,
                int status, TokenUsage tokens, Long firstByteMillis, String errorClass) {
        long duration = ctx.elapsedMillis();
        UsageRecord record = new UsageRecord(ctx.requestId(), ctx.key().userId(), ctx.key().apiKeyId(),
                ctx.key().groupId(), account == null ? null : account.id(), ctx.key().platform(),
                ctx.endpoint().label(), envelope.model(), upstreamModel, envelope.stream(), status, tokens, duration,
                firstByteMillis, errorClass, ctx.clientIp(), ctx.userAgent(), ctx.startedAt());
        try {
            sink.accept(record);
        } catch (RuntimeException e) {
            // the client already has its answer; losing the record is billing's problem to alarm on, not theirs
            log.error("usage sink refused the record of {}", ctx.requestId(), e);
        }
        afterAnswer.execute(() -> logLine(record));
    }

    private static void logLine(UsageRecord r) {
        MDC.put(VirtualThreadDispatchHandler.MDC_KEY, r.requestId());
        try {
            TokenUsage tokens = r.tokens();
            log.info("{} {} model={} account={} status={} in={} out={} cw={} cr={} ttfb={}ms {}ms{}",
                    r.endpoint(), r.stream() ? "stream" : "sync", r.requestedModel(),
                    r.accountId() == null ? "-" : r.accountId(), r.statusCode(), tokens.inputTokens(),
                    tokens.outputTokens(), tokens.cacheWrite5mTokens() + tokens.cacheWrite1hTokens(),
                    tokens.cacheReadTokens(), r.firstTokenMillis() == null ? "-" : r.firstTokenMillis(),
                    r.durationMillis(), r.errorClass() == null ? "" : " " + r.errorClass());
        } finally {
            MDC.remove(VirtualThreadDispatchHandler.MDC_KEY);
        }
    }
}
