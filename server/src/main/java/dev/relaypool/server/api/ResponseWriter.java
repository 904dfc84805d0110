package dev.relaypool.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.CookieImpl;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.nio.ByteBuffer;
import java.util.Date;

/** Writes an {@link ApiResponse}: JSON, never cached, cookies HttpOnly + SameSite=Strict (+ Secure over HTTPS). */
final class ResponseWriter {
    private ResponseWriter() {}

    static void write(HttpServerExchange exchange, ApiResponse response, boolean secure) {
        exchange.setStatusCode(response.status());
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        exchange.getResponseHeaders().put(HttpString.tryFromString("X-Content-Type-Options"), "nosniff");
        response.headers().forEach((name, value) -> exchange.getResponseHeaders().put(new HttpString(name), value));
        for (ApiResponse.ResponseCookie cookie : response.cookies()) {
            CookieImpl set = new CookieImpl(cookie.name(), cookie.value());
            set.setPath(cookie.path());
            set.setHttpOnly(true);
            set.setSecure(secure);
            set.setSameSiteMode("Strict");
            set.setMaxAge((int) Math.min(Integer.MAX_VALUE, cookie.maxAge().toSeconds()));
            if (cookie.maxAge().isZero()) {
                set.setExpires(new Date(0));
            }
            exchange.setResponseCookie(set);
        }
        if (response.body() == null) {
            exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, 0);
            return;
        }
        if (response.body() instanceof ApiResponse.Streamed streamed) {
            writeStreamed(exchange, streamed);
            return;
        }
        byte[] json;
        try {
            json = Json.MAPPER.writeValueAsBytes(response.body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response body of type " + response.body().getClass().getName()
                    + " is not serialisable", e);
        }
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, json.length);
        exchange.getResponseSender().send(ByteBuffer.wrap(json));
    }

    /** Blocking writes on the request's virtual thread; a client that goes away ends the body quietly. */
    private static void writeStreamed(HttpServerExchange exchange, ApiResponse.Streamed streamed) {
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, streamed.contentType());
        try (java.io.OutputStream out = exchange.getOutputStream()) {
            streamed.body().writeTo(out);
        } catch (java.io.IOException e) {
            org.slf4j.LoggerFactory.getLogger(ResponseWriter.class).debug("streamed answer ended early: {}", e.toString());
        }
    }
}
