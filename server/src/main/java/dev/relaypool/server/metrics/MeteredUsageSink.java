package dev.relaypool.server.metrics;

import dev.relaypool.server.usage.UsageRecord;
import dev.relaypool.server.usage.UsageSink;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Counts each finished request, then hands its record on; metrics never stand between a request and its billing. */
final class MeteredUsageSink implements UsageSink {
    private static final Logger log = LoggerFactory.getLogger(MeteredUsageSink.class);

    private final UsageSink delegate;
    private final RequestMeters meters;
    private final AtomicBoolean failedBefore = new AtomicBoolean();

    MeteredUsageSink(UsageSink delegate, RequestMeters meters) {
        this.delegate = delegate;
        this.meters = meters;
    }

    @Override
    public void accept(UsageRecord record) {
        try {
            meters.record(record);
        } catch (RuntimeException e) {
            if (!failedBefore.getAndSet(true)) { // a bug here would otherwise log once per request
                log.error("Metrics of request {} not recorded; later failures are not logged", record.requestId(), e);
            }
        }
        delegate.accept(record);
    }
}
