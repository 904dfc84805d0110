package dev.relaypool.server.gateway;

import dev.relaypool.server.gateway.streaming.JsonUsage;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * What the gateway needs to know about a request body, read without re-encoding it. {@code modelStart} and
 * {@code modelEnd} are the byte range of the top-level {@code model} value (quotes included), or -1 when the
 * model comes from the path.
 */
record RequestEnvelope(String model, boolean stream, Optional<String> sessionHint, int modelStart, int modelEnd) {
    RequestEnvelope {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(sessionHint, "sessionHint");
        if (modelStart > modelEnd) {
            throw new IllegalArgumentException("model range reversed");
        }
    }

    /** The body to send upstream: unchanged, unless the account knows the model by another name. */
    byte[] bodyFor(byte[] body, String upstreamModel) {
        if (modelStart < 0 || upstreamModel.equals(model)) {
            return body;
        }
        byte[] replacement = JsonUsage.quote(upstreamModel).getBytes(StandardCharsets.UTF_8);
        byte[] rewritten = new byte[body.length - (modelEnd - modelStart) + replacement.length];
        System.arraycopy(body, 0, rewritten, 0, modelStart);
        System.arraycopy(replacement, 0, rewritten, modelStart, replacement.length);
        System.arraycopy(body, modelEnd, rewritten, modelStart + replacement.length, body.length - modelEnd);
        return rewritten;
    }
}
