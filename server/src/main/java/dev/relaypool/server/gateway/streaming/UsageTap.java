package dev.relaypool.server.gateway.streaming;

import dev.relaypool.server.usage.TokenUsage;

/**
 * Reads usage from an answer as it passes, without changing a byte of it. A tap is used for one answer only,
 * by one thread; it must never throw on odd input (an unparseable event is ignored, usage stays as it was).
 */
public interface UsageTap {
    /** One complete SSE event of a streamed answer. */
    void onEvent(SseEvent event);

    /** A whole non-streamed JSON answer (or a non-SSE stream collected whole, such as Gemini's JSON array). */
    void onBody(byte[] body);

    /** Usage in disjoint buckets, as far as seen. */
    TokenUsage usage();

    /** Whether the protocol's final event was seen; a stream that ends without it was cut short. */
    boolean sawEnd();
}
