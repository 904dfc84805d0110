package dev.relaypool.server.dashboard;

import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.SetHeaderHandler;
import java.util.Map;

/**
 * Headers on every dashboard answer. The CSP allows only files from this origin: no inline scripts or styles, no
 * eval, no framing, and API calls to this origin only. {@code data:} images are for the CSS framework's icons.
 */
final class SecurityHeaders {
    static final String CSP = String.join("; ",
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "manifest-src 'self'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'");

    static final Map<String, String> HEADERS = Map.of(
            "Content-Security-Policy", CSP,
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Referrer-Policy", "no-referrer",
            "Cross-Origin-Opener-Policy", "same-origin",
            "Cross-Origin-Resource-Policy", "same-origin",
            "Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()");

    private SecurityHeaders() {}

    static HttpHandler wrap(HttpHandler next) {
        HttpHandler handler = next;
        for (Map.Entry<String, String> header : HEADERS.entrySet()) {
            handler = new SetHeaderHandler(handler, header.getKey(), header.getValue());
        }
        return handler;
    }
}
