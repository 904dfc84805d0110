package dev.relaypool.server.testing;

import static dev.relaypool.server.storage.schema.Tables.USERS;

import com.fasterxml.jackson.databind.JsonNode;
import dev.relaypool.model.auth.LoginRequest;
import dev.relaypool.server.api.Json;
import dev.relaypool.server.users.PasswordHasher;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** A small JSON client for REST API tests, with helpers that create users and sign them in. */
public final class ApiClient {
    private static final PasswordHasher HASHER = new PasswordHasher();
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    public static final String PASSWORD = "correct horse battery";

    /** An answer: status, parsed JSON (missing node when not JSON) and the raw text. */
    public record Reply(int status, JsonNode body, String text, HttpResponse<String> raw) {
        public String errorCode() {
            return body.path("error").path("code").asText();
        }
    }

    /** A signed-in user: id and access token. */
    public record SignedIn(long userId, String email, String token) {}

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public ApiClient(String baseUrl) {
        this.base = baseUrl;
    }

    public Reply call(String method, String path, Object body, String token) {
        try {
            String json = body == null ? null : body instanceof String s ? s : Json.MAPPER.writeValueAsString(body);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                    .header("Content-Type", "application/json");
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode parsed;
            try {
                parsed = response.body().isEmpty() ? Json.MAPPER.missingNode() : Json.MAPPER.readTree(response.body());
            } catch (Exception notJson) {
                parsed = Json.MAPPER.missingNode();
            }
            return new Reply(response.statusCode(), parsed, response.body(), response);
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        }
    }

    public Reply get(String path, String token) {
        return call("GET", path, null, token);
    }

    /** Creates a user with {@link #PASSWORD} and signs them in. */
    public SignedIn signUp(PostgresExtension postgres, String role) {
        String email = role + SEQUENCE.incrementAndGet() + "-" + System.nanoTime() + "@example.test";
        long id = postgres.dsl().insertInto(USERS).set(USERS.EMAIL, email).set(USERS.PASSWORD_HASH, HASHER.hash(PASSWORD))
                .set(USERS.ROLE, role).returning(USERS.ID).fetchSingle(USERS.ID);
        Reply login = call("POST", "/api/v1/auth/login", new LoginRequest(email, PASSWORD, null), null);
        if (login.status() != 200) {
            throw new IllegalStateException("login failed: " + login.text());
        }
        return new SignedIn(id, email, login.body().path("accessToken").asText());
    }
}
