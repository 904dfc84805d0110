package dev.relaypool.server.gateway.upstream;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the client asked for, ready to go upstream: {@code pathAndQuery} already rewritten (model in the path,
 * member key removed from the query), {@code clientHeaders} as the client sent them (filtered here by the
 * {@link HeaderPolicy}), {@code body} as sent or with only the model rewritten; null for GET.
 */
public record OutboundRequest(String method, String pathAndQuery, List<Map.Entry<String, String>> clientHeaders,
                              byte[] body, boolean streaming) {
    public OutboundRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(pathAndQuery, "pathAndQuery");
        clientHeaders = List.copyOf(clientHeaders);
        if (!pathAndQuery.startsWith("/")) {
            throw new IllegalArgumentException("pathAndQuery must start with /");
        }
    }
}
