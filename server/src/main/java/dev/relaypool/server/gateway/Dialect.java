package dev.relaypool.server.gateway;

import dev.relaypool.server.gateway.streaming.SseEvent;
import dev.relaypool.server.gateway.streaming.UsageTap;

/**
 * What differs between the client protocols once a request is routed: the error envelope, the in-band error that
 * ends a broken stream, and where usage is reported.
 */
public interface Dialect {
    /** The status this protocol uses for {@code error} (529 exists only for Anthropic). */
    default int status(GatewayError error) {
        return error.status();
    }

    /** A complete JSON error body in this protocol's envelope. */
    byte[] errorBody(GatewayError error, String message);

    /** The bytes of one stream event that tells a client the answer broke off (never a clean-looking end). */
    byte[] streamError(GatewayError error, String message);

    /** A fresh usage reader for one answer. */
    UsageTap newUsageTap();

    /** Whether {@code event} carries only usage that a client gets only on request (OpenAI chat's last chunk). */
    default boolean isUsageOnly(SseEvent event) {
        return false;
    }
}
