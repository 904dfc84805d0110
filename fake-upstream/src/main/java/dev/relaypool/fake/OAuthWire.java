package dev.relaypool.fake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Map;

/** An OAuth 2 token endpoint (RFC 6749 §5): issues numbered tokens so tests see which refresh produced which. */
final class OAuthWire implements ErrorEnvelope {

    /** The parameters of a token request, from a JSON or a form-encoded body. */
    record TokenRequest(String grantType, String refreshToken, String code) {
        static TokenRequest parse(byte[] body, String contentType) {
            String text = new String(body, java.nio.charset.StandardCharsets.UTF_8).strip();
            if (text.startsWith("{")) {
                try {
                    var node = Json.MAPPER.readTree(body);
                    return new TokenRequest(node.path("grant_type").asText(null), node.path("refresh_token").asText(null),
                            node.path("code").asText(null));
                } catch (java.io.IOException e) {
                    return new TokenRequest(null, null, null);
                }
            }
            return new TokenRequest(Credentials.queryParam(text, "grant_type"), Credentials.queryParam(text, "refresh_token"),
                    Credentials.queryParam(text, "code"));
        }
    }

    /** The RFC 6749 error for a malformed grant, or null when the grant is acceptable. */
    static Rendered rejection(TokenRequest request) {
        if ("refresh_token".equals(request.grantType()) && isBlank(request.refreshToken())
                || "authorization_code".equals(request.grantType()) && isBlank(request.code())) {
            return error(400, "invalid_request", "the grant needs a refresh_token or a code");
        }
        if (!"refresh_token".equals(request.grantType()) && !"authorization_code".equals(request.grantType())) {
            return error(400, "unsupported_grant_type", "grant_type must be refresh_token or authorization_code");
        }
        return null;
    }

    static Reply token(long n, Duration lifetime) {
        ObjectNode body = Json.object().put("token_type", "Bearer").put("access_token", "fake-access-token-" + n)
                .put("refresh_token", "fake-refresh-token-" + n).put("expires_in", lifetime.toSeconds())
                .put("scope", "user:inference user:profile");
        return new Reply.Json(Json.bytes(body));
    }

    @Override
    public Rendered render(ErrorKind kind, Duration retryAfter, Context ctx) {
        return switch (kind) {
            case UNAUTHORIZED -> error(400, "invalid_grant", "Invalid refresh token");
            case FORBIDDEN -> error(403, "access_denied", "The account may not use this client");
            case CONTEXT_TOO_LONG, CONTENT_POLICY -> error(400, "invalid_request", "Invalid request");
            case RATE_LIMITED, QUOTA_EXHAUSTED -> new Rendered(429,
                    Map.of("retry-after", Long.toString(ErrorEnvelope.seconds(retryAfter))),
                    Json.bytes(Json.object().put("error", "rate_limit_exceeded").put("error_description", "Too many requests")));
            case OVERLOADED, UNAVAILABLE -> error(503, "temporarily_unavailable", "Try again later");
            case SERVER_ERROR -> error(500, "server_error", "Internal error");
            case BAD_GATEWAY -> error(502, "server_error", "Bad gateway");
        };
    }

    private static Rendered error(int status, String error, String description) {
        return Rendered.of(status, Json.object().put("error", error).put("error_description", description), Map.of());
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
