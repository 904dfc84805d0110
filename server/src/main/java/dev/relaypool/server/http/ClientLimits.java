package dev.relaypool.server.http;

import dev.relaypool.server.config.RelaypoolConfig;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import org.xnio.Options;

/**
 * The listener's defences against slow, silent and oversized clients, in one place. A client that dribbles its
 * headers hits the parse timeout; one that pauses while sending hits the read timeout; one that stops reading its
 * answer hits the write timeout (its blocked relay thread then fails, releasing the upstream slot); an idle
 * connection between requests is closed after the keep-alive timeout.
 *
 * <p>No connection-wide idle timeout ({@code IDLE_TIMEOUT}): a non-streaming request may legitimately wait minutes
 * in silence for its upstream answer ({@code gateway.response-header-timeout-ms}).
 */
public final class ClientLimits {
    private ClientLimits() {}

    public static Undertow.Builder apply(RelaypoolConfig.Server server, Undertow.Builder builder) {
        RelaypoolConfig.ClientTimeouts timeouts = server.clientTimeouts();
        return builder
                .setServerOption(UndertowOptions.MAX_HEADER_SIZE, server.maxHeaderBytes())
                // limited per exchange by BodyLimitHandler: a 413 in the caller's format, not an empty 400
                .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, -1L)
                .setServerOption(UndertowOptions.MAX_PARAMETERS, 200)
                .setServerOption(UndertowOptions.MAX_HEADERS, 200)
                .setServerOption(UndertowOptions.MAX_COOKIES, 200)
                .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, millis(timeouts.requestParse()))
                .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, millis(timeouts.keepAlive()))
                // a null byte or a raw control character in the target is refused while parsing (400)
                .setServerOption(UndertowOptions.ALLOW_UNESCAPED_CHARACTERS_IN_URL, false)
                .setServerOption(UndertowOptions.ALLOW_ENCODED_SLASH, false)
                .setSocketOption(Options.READ_TIMEOUT, millis(timeouts.read()))
                .setSocketOption(Options.WRITE_TIMEOUT, millis(timeouts.write()));
    }

    private static int millis(java.time.Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, duration.toMillis());
    }
}
