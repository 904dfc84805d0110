package dev.relaypool.server.gateway;

import dev.relaypool.server.gateway.streaming.JsonUsage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the gateway needs to know about a request body, read without re-encoding it. {@code modelStart} and
 * {@code modelEnd} are the byte range of the top-level {@code model} value (quotes included), or -1 when the
 * model comes from the path. {@code usageOption} is the edit that would make {@code stream_options.include_usage}
 * true, empty when the client already asked for usage.
 */
record RequestEnvelope(String model, boolean stream, int modelStart, int modelEnd,
                       Optional<Splice> usageOption) {
    RequestEnvelope {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(usageOption, "usageOption");
        if (modelStart > modelEnd) {
            throw new IllegalArgumentException("model range reversed");
        }
    }

    /** Replace bytes {@code [start, end)} of the body with {@code text}; {@code start == end} inserts. */
    record Splice(int start, int end, String text) {
        Splice {
            Objects.requireNonNull(text, "text");
            if (start < 0 || start > end) {
                throw new IllegalArgumentException("bad splice range " + start + ".." + end);
            }
        }
    }

    /**
     * Whether the relay must ask for usage itself: an OpenAI chat stream carries usage only when asked, and an
     * answer without it would be served free. The client did not ask, so it must not see the usage chunk either.
     */
    boolean addsUsage(Endpoint endpoint) {
        return endpoint == Endpoint.OPENAI_CHAT && stream && usageOption.isPresent();
    }

    /**
     * The body to send upstream: the client's bytes, unless the account knows the model by another name or
     * {@code addUsage} is set; every other byte stays as sent.
     */
    byte[] bodyFor(byte[] body, String upstreamModel, boolean addUsage) {
        List<Splice> edits = new ArrayList<>(2);
        if (modelStart >= 0 && !upstreamModel.equals(model)) {
            edits.add(new Splice(modelStart, modelEnd, JsonUsage.quote(upstreamModel)));
        }
        if (addUsage) {
            usageOption.ifPresent(edits::add);
        }
        if (edits.isEmpty()) {
            return body;
        }
        // back to front, so that each edit's offsets still point into the unchanged prefix; ranges never overlap
        edits.sort(Comparator.comparingInt(Splice::start).reversed());
        byte[] result = body;
        for (Splice edit : edits) {
            byte[] text = edit.text().getBytes(StandardCharsets.UTF_8);
            byte[] next = new byte[result.length - (edit.end() - edit.start()) + text.length];
            System.arraycopy(result, 0, next, 0, edit.start());
            System.arraycopy(text, 0, next, edit.start(), text.length);
            System.arraycopy(result, edit.end(), next, edit.start() + text.length, result.length - edit.end());
            result = next;
        }
        return result;
    }
}
