package dev.relaypool.server.metrics;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Optional;

/**
 * Who may read {@code /metrics}. With a token: whoever presents it as {@code Authorization: Bearer}, from anywhere.
 * Without: only a client on this host's loopback whose request bears no proxy header, because a reverse proxy on
 * the same host would otherwise hand every internet client a loopback address.
 */
final class MetricsAccess {
    /** What a scrape request gets. */
    sealed interface Decision {
        record Allowed() implements Decision {}

        /** 401: a token is configured and the request did not present it. */
        record Unauthorized() implements Decision {}

        /** 403: no token is configured and the client is not a direct loopback client. */
        record Forbidden() implements Decision {}
    }

    private static final String BEARER = "bearer ";

    private final Optional<byte[]> tokenDigest;

    MetricsAccess(Optional<String> token) {
        this.tokenDigest = token.map(MetricsAccess::digest);
    }

    /**
     * @param peer          the socket's remote address (never a forwarded one)
     * @param authorization the Authorization header, or null
     * @param proxied       whether the request carries Forwarded, X-Forwarded-For or X-Real-IP
     */
    Decision decide(InetAddress peer, String authorization, boolean proxied) {
        if (tokenDigest.isPresent()) {
            return presented(authorization).map(MetricsAccess::digest)
                    .filter(digest -> MessageDigest.isEqual(digest, tokenDigest.get())) // constant time
                    .<Decision>map(digest -> new Decision.Allowed())
                    .orElse(new Decision.Unauthorized());
        }
        return peer != null && peer.isLoopbackAddress() && !proxied ? new Decision.Allowed() : new Decision.Forbidden();
    }

    private static Optional<String> presented(String authorization) {
        if (authorization == null || authorization.length() <= BEARER.length()
                || !authorization.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
            return Optional.empty();
        }
        return Optional.of(authorization.substring(BEARER.length()).trim());
    }

    /** Compared as digests: equal lengths, so the comparison time tells nothing about the token's length. */
    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
