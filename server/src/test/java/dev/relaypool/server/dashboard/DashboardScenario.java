package dev.relaypool.server.dashboard;

import static dev.relaypool.server.storage.schema.Tables.USERS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.relaypool.fake.Usage;
import dev.relaypool.model.Platform;
import dev.relaypool.server.testing.PostgresExtension;
import dev.relaypool.server.testing.RelayFixture;
import dev.relaypool.server.users.PasswordHasher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * What the browser tests and the screenshots start from: a running relay with an admin, a member who has a balance,
 * a group with an account on the fake upstream, and helpers that relay requests and call the REST API.
 */
final class DashboardScenario {
    static final String PASSWORD = "correct-horse-battery";
    private static final MediaType JSON = MediaType.get("application/json");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    final RelayFixture relay;
    final String adminEmail;
    final String memberEmail;
    final RelayFixture.Member member;
    private final OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(20)).build();
    private String openApi;

    private DashboardScenario(RelayFixture relay, String adminEmail, String memberEmail, RelayFixture.Member member) {
        this.relay = relay;
        this.adminEmail = adminEmail;
        this.memberEmail = memberEmail;
        this.member = member;
    }

    static DashboardScenario seed(RelayFixture relay, PostgresExtension postgres) {
        PasswordHasher hasher = new PasswordHasher();
        String hash = hasher.hash(PASSWORD);
        String adminEmail = "ops@example.test"; // one scenario per test class, so per database
        postgres.dsl().insertInto(USERS).set(USERS.EMAIL, adminEmail).set(USERS.PASSWORD_HASH, hash)
                .set(USERS.ROLE, "admin").set(USERS.DISPLAY_NAME, "Operator").execute();
        RelayFixture.Member member = relay.member(Platform.ANTHROPIC);
        String memberEmail = "alex@example.test";
        postgres.dsl().update(USERS).set(USERS.PASSWORD_HASH, hash).set(USERS.DISPLAY_NAME, "Alex")
                .set(USERS.EMAIL, memberEmail).set(USERS.BALANCE, new BigDecimal("25.00"))
                .where(USERS.ID.eq(member.userId())).execute();
        return new DashboardScenario(relay, adminEmail, memberEmail, member);
    }

    String baseUrl() {
        return relay.baseUrl();
    }

    /** Relays one Anthropic request with {@code key}; answers the relay's request id. */
    String relay(String key, String model, int inputTokens, int outputTokens) {
        relay.upstream.setUsage(Usage.of(inputTokens, outputTokens));
        Request request = new Request.Builder().url(relay.baseUrl() + "/v1/messages")
                .header("x-api-key", key).header("anthropic-version", "2023-06-01")
                .post(RequestBody.create("{\"model\":\"" + model + "\",\"max_tokens\":64,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", JSON))
                .build();
        try (Response response = http.newCall(request).execute()) {
            if (response.code() != 200) {
                throw new IllegalStateException("relay answered " + response.code() + ": " + response.body().string());
            }
            return response.header("x-relaypool-request-id", response.header("request-id"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True when the server's OpenAPI document lists {@code path} (features land in steps). */
    boolean hasRoute(String path) {
        if (openApi == null) {
            openApi = call("GET", "/api/openapi.json", null, null).toString();
        }
        return openApi.contains("\"" + path + "\"");
    }

    String accessToken(String email) {
        return call("POST", "/api/v1/auth/login", null, Map.of("email", email, "password", PASSWORD))
                .path("accessToken").asText();
    }

    JsonNode call(String method, String path, String token, Object body) {
        try {
            Request.Builder request = new Request.Builder().url(relay.baseUrl() + path)
                    .method(method, body == null ? (method.equals("GET") ? null : RequestBody.create(new byte[0]))
                            : RequestBody.create(MAPPER.writeValueAsBytes(body), JSON));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            try (Response response = http.newCall(request.build()).execute()) {
                String text = response.body().string();
                if (!response.isSuccessful()) {
                    throw new IllegalStateException(method + " " + path + " answered " + response.code() + ": " + text);
                }
                return text.isEmpty() ? MAPPER.nullNode() : MAPPER.readTree(text);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
