package dev.relaypool.fake;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Renders an {@link ErrorKind} the way one provider does: status, headers and error body. */
interface ErrorEnvelope {

    Rendered render(ErrorKind kind, Duration retryAfter, Context context);

    /** What the renderer may echo: the model, the clock, how the client authenticated, the request id. */
    record Context(String model, Instant now, boolean bearer, String requestId) {}

    record Rendered(int status, Map<String, String> headers, byte[] body) {
        public Rendered {
            headers = Map.copyOf(headers);
        }

        static Rendered of(int status, Object body, Map<String, String> headers) {
            return new Rendered(status, headers, Json.bytes(body));
        }
    }

    /** Whole seconds, rounded up, as retry-after wants them. */
    static long seconds(Duration d) {
        long s = d.toSeconds();
        return d.toNanosPart() > 0 ? s + 1 : s;
    }

    static Map<String, String> headers(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
