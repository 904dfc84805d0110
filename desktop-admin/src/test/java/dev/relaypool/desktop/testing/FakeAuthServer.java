package dev.relaypool.desktop.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * A tiny in-test server on loopback that speaks the auth contract of the real one: login (with TOTP and
 * throttling), refresh with rotation, logout, /api/v1/me and the health endpoints.
 */
public final class FakeAuthServer implements AutoCloseable {
    public static final String EMAIL = "admin@example.com";
    public static final String PASSWORD = "correct horse";
    public static final String TOTP = "424242";

    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpServer server;
    private final Set<String> accessTokens = ConcurrentHashMap.newKeySet();
    private final Set<String> refreshTokens = ConcurrentHashMap.newKeySet();
    public volatile boolean totpRequired;
    public volatile int retryAfterSeconds; // > 0: answer 429

    public FakeAuthServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/auth/login", this::login);
        server.createContext("/api/v1/auth/refresh", this::refresh);
        server.createContext("/api/v1/auth/logout", exchange -> {
            refreshTokens.remove(body(exchange).path("refreshToken").asText());
            send(exchange, 204, null);
        });
        server.createContext("/api/v1/me", this::me);
        server.createContext("/readyz", exchange -> send(exchange, 200, Map.of("status", "ready")));
        server.createContext("/healthz", exchange -> send(exchange, 200, Map.of("status", "ok")));
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /** Forgets every token, as a server restart with new signing keys would. */
    public void revokeAll() {
        accessTokens.clear();
        refreshTokens.clear();
    }

    private void login(HttpExchange exchange) throws IOException {
        JsonNode request = body(exchange);
        if (retryAfterSeconds > 0) {
            exchange.getResponseHeaders().add("Retry-After", Integer.toString(retryAfterSeconds));
            send(exchange, 429, error("too_many_attempts", "slow down"));
        } else if (!EMAIL.equals(request.path("email").asText()) || !PASSWORD.equals(request.path("password").asText())) {
            send(exchange, 401, error("invalid_credentials", "wrong email or password"));
        } else if (totpRequired && !TOTP.equals(request.path("totpCode").asText())) {
            send(exchange, 401, error("totp_required", "a TOTP code is required"));
        } else {
            send(exchange, 200, tokens());
        }
    }

    private void refresh(HttpExchange exchange) throws IOException {
        if (refreshTokens.remove(body(exchange).path("refreshToken").asText())) {
            send(exchange, 200, tokens());
        } else {
            send(exchange, 401, error("invalid_credentials", "refresh token expired"));
        }
    }

    private void me(HttpExchange exchange) throws IOException {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header != null && accessTokens.contains(header.replaceFirst("^Bearer ", ""))) {
            send(exchange, 200, user());
        } else {
            send(exchange, 401, error("unauthorized", "sign in first"));
        }
    }

    private Map<String, Object> tokens() {
        String access = "at-" + java.util.UUID.randomUUID();
        String refresh = "rt-" + java.util.UUID.randomUUID();
        accessTokens.add(access);
        refreshTokens.add(refresh);
        return Map.of("accessToken", access, "accessTokenExpiresAt", Instant.now().plusSeconds(900).toString(),
                "refreshToken", refresh, "refreshTokenExpiresAt", Instant.now().plusSeconds(86_400).toString(),
                "user", user());
    }

    private static Map<String, Object> user() {
        return Map.of("id", "0f9c", "email", EMAIL, "displayName", "Grace Operator", "role", "admin",
                "status", "active", "totpEnabled", true);
    }

    private static Map<String, Object> error(String code, String message) {
        return Map.of("error", Map.of("code", code, "message", message));
    }

    private JsonNode body(HttpExchange exchange) throws IOException {
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        return bytes.length == 0 ? mapper.createObjectNode() : mapper.readTree(bytes);
    }

    private void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : mapper.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
