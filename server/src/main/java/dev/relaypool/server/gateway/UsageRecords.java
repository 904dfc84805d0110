package dev.relaypool.server.gateway;

import dev.relaypool.server.usage.TokenUsage;
import dev.relaypool.server.usage.UsageRecord;
import dev.relaypool.server.usage.UsageSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the one usage record of a request, hands it to the sink and writes the request's log line. */
final class UsageRecords {
    private static final Logger log = LoggerFactory.getLogger(UsageRecords.class);

    private final UsageSink sink;

    UsageRecords(UsageSink sink) {
        this.sink = sink;
    }

    void record(RequestContext ctx, RequestEnvelope envelope, UpstreamAccount account, String upstreamModel,
                int status, TokenUsage tokens, Long firstByteMillis, String errorClass) {
        long duration = ctx.elapsedMillis();
        UsageRecord record = new UsageRecord(ctx.requestId(), ctx.key().userId(), ctx.key().apiKeyId(),
                ctx.key().groupId(), account == null ? null : account.id(), ctx.key().platform(),
                ctx.endpoint().label(), envelope.model(), upstreamModel, envelope.stream(), status, tokens, duration,
                firstByteMillis, errorClass, ctx.clientIp(), ctx.userAgent(), ctx.startedAt());
        log.info("{} {} model={} account={} status={} in={} out={} cw={} cr={} ttfb={}ms {}ms{}",
                ctx.endpoint().label(), envelope.stream() ? "stream" : "sync", envelope.model(),
                account == null ? "-" : account.id(), status, tokens.inputTokens(), tokens.outputTokens(),
                tokens.cacheWrite5mTokens() + tokens.cacheWrite1hTokens(), tokens.cacheReadTokens(),
                firstByteMillis == null ? "-" : firstByteMillis, duration, errorClass == null ? "" : " " + errorClass);
        try {
            sink.accept(record);
        } catch (RuntimeException e) {
            // the client already has its answer; losing the record is billing's problem to alarm on, not theirs
            log.error("usage sink refused the record of {}", ctx.requestId(), e);
        }
    }
}
