package dev.relaypool.server.usage;

/** Where the gateway hands each finished request's usage; must not block the request path for long. */
@FunctionalInterface
public interface UsageSink {
    void accept(UsageRecord record);
}
