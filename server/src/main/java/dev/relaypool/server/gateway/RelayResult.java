package dev.relaypool.server.gateway;

import dev.relaypool.server.usage.TokenUsage;
import java.util.Objects;

/** How relaying one upstream answer to the client ended. */
sealed interface RelayResult {
    /**
     * The client got an answer with {@code status}. {@code brokenBy} is set when a stream broke after its first
     * byte (the client then got an in-band error event); {@code firstByteMillis} is null when nothing streamed.
     */
    record Delivered(int status, TokenUsage usage, Long firstByteMillis, FailureClass brokenBy) implements RelayResult {
        public Delivered {
            Objects.requireNonNull(usage, "usage");
        }
    }

    /** Nothing reached the client: another account may still be tried. */
    record FailedBeforeFirstByte(FailureClass failure, String detail) implements RelayResult {}

    /** The client hung up; the upstream call was cancelled. Usage is what was seen until then. */
    record ClientGone(int status, TokenUsage usage, Long firstByteMillis) implements RelayResult {}
}
