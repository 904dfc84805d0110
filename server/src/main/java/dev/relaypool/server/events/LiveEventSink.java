package dev.relaypool.server.events;

import dev.relaypool.model.admin.LiveRequest;
import dev.relaypool.server.usage.UsageRecord;
import dev.relaypool.server.usage.UsageSink;
import java.math.BigDecimal;
import java.util.function.Function;

/**
 * Wraps the gateway's usage sink: the record goes to billing first, then a {@code request} event to the cluster.
 * {@code cost} estimates the charge for the event (billing's own figure is in the usage records).
 */
public final class LiveEventSink implements UsageSink {
    private final UsageSink delegate;
    private final LiveEvents events;
    private final Function<UsageRecord, BigDecimal> cost;

    public LiveEventSink(UsageSink delegate, LiveEvents events, Function<UsageRecord, BigDecimal> cost) {
        this.delegate = delegate;
        this.events = events;
        this.cost = cost;
    }

    @Override
    public void accept(UsageRecord record) {
        delegate.accept(record);
        events.publish("request", () -> event(record, cost.apply(record))); // priced and sent off the request's thread
    }

    static LiveRequest event(UsageRecord r, BigDecimal cost) {
        var t = r.tokens();
        return new LiveRequest(r.requestId(), r.userId(), r.apiKeyId(), r.groupId(), r.accountId(),
                r.requestedModel(), r.platform().wireName(), r.statusCode(), t.inputTokens(), t.outputTokens(),
                t.cacheWrite5mTokens() + t.cacheWrite1hTokens(), t.cacheReadTokens(),
                cost == null ? BigDecimal.ZERO : cost, r.durationMillis(), r.firstTokenMillis(), r.createdAt());
    }
}
