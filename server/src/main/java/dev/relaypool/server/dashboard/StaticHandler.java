package dev.relaypool.server.dashboard;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;

/**
 * Answers GET and HEAD with one in-memory file chosen by the path below the mount point. Files are revalidated on
 * every use ({@code no-cache} + ETag → 304), since their names carry no content hash; that keeps a new release
 * visible at once and costs one small round trip. First reads touch the jar, so the work runs off the IO thread.
 */
final class StaticHandler implements HttpHandler {
    private final Function<String, Optional<StaticResources.File>> lookup;

    /** {@code lookup}: relative path (no leading slash) → file, empty when there is none. */
    StaticHandler(Function<String, Optional<StaticResources.File>> lookup) {
        this.lookup = lookup;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        if (exchange.isInIoThread()) {
            exchange.dispatch(this);
            return;
        }
        boolean head = exchange.getRequestMethod().equals(Methods.HEAD);
        if (!head && !exchange.getRequestMethod().equals(Methods.GET)) {
            exchange.getResponseHeaders().put(Headers.ALLOW, "GET, HEAD");
            plain(exchange, StatusCodes.METHOD_NOT_ALLOWED, "Method not allowed");
            return;
        }
        String path = exchange.getRelativePath().startsWith("/")
                ? exchange.getRelativePath().substring(1) : exchange.getRelativePath();
        Optional<StaticResources.File> found = lookup.apply(path);
        if (found.isEmpty()) {
            plain(exchange, StatusCodes.NOT_FOUND, "Not found");
            return;
        }
        StaticResources.File file = found.get();
        var headers = exchange.getResponseHeaders();
        headers.put(Headers.CACHE_CONTROL, "no-cache");
        headers.put(Headers.ETAG, file.etag());
        if (matches(exchange.getRequestHeaders().getFirst(Headers.IF_NONE_MATCH), file.etag())) {
            exchange.setStatusCode(StatusCodes.NOT_MODIFIED);
            exchange.endExchange();
            return;
        }
        headers.put(Headers.CONTENT_TYPE, file.contentType());
        headers.put(Headers.CONTENT_LENGTH, file.bytes().length);
        if (head) {
            exchange.endExchange();
        } else {
            exchange.getResponseSender().send(ByteBuffer.wrap(file.bytes()));
        }
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        return Arrays.stream(ifNoneMatch.split(",")).map(String::strip)
                .anyMatch(tag -> tag.equals("*") || tag.equals(etag) || tag.equals("W/" + etag));
    }

    private static void plain(HttpServerExchange exchange, int status, String text) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
        exchange.getResponseSender().send(text);
    }
}
