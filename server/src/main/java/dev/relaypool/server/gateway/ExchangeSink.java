package dev.relaypool.server.gateway;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/** {@link ClientSink} over a blocking Undertow exchange. */
final class ExchangeSink implements ClientSink {
    private final HttpServerExchange exchange;
    private OutputStream out;

    ExchangeSink(HttpServerExchange exchange) {
        this.exchange = exchange;
    }

    @Override
    public boolean committed() {
        return out != null;
    }

    @Override
    public void commit(int status, List<Map.Entry<String, String>> headers, long contentLength) {
        if (out != null) {
            throw new IllegalStateException("response already committed");
        }
        exchange.setStatusCode(status);
        for (Map.Entry<String, String> header : headers) {
            exchange.getResponseHeaders().add(new HttpString(header.getKey()), header.getValue());
        }
        if (contentLength >= 0) {
            exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, contentLength);
        } else {
            // a reverse proxy in front of the relay must not buffer the stream either
            exchange.getResponseHeaders().put(new HttpString("X-Accel-Buffering"), "no");
        }
        out = exchange.getOutputStream();
    }

    @Override
    public void write(byte[] bytes) throws ClientDisconnected {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new ClientDisconnected(e);
        }
    }
}
