package dev.relaypool.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.model.Platform;
import dev.relaypool.server.testing.PostgresExtension;
import dev.relaypool.server.testing.RelayFixture;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A browser page on a configured origin may call the REST API and the gateway; any other origin gets no CORS header. */
class CorsIT {
    @RegisterExtension
    static final PostgresExtension postgres = new PostgresExtension();
    private static final String ALLOWED = "https://app.example.test";
    private static final String OTHER = "https://evil.example.test";
    private static RelayFixture relay;
    private final OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(20)).build();

    @BeforeAll
    static void start() {
        relay = RelayFixture.start(postgres, Map.of("RELAYPOOL_SERVER_CORS_ORIGINS", ALLOWED + ",http://localhost:5173"));
    }

    @AfterAll
    static void stop() {
        relay.close();
    }

    @Test
    void answersThePreflightOfAConfiguredOriginOnTheGatewayAndTheApi() throws IOException {
        for (String path : new String[] {"/v1/messages", "/v1/chat/completions", "/v1beta/models/gemini-2.5-pro:generateContent",
                "/api/v1/me"}) {
            Reply preflight = preflight(path, ALLOWED);
            assertThat(preflight.status()).as(path).isEqualTo(204);
            assertThat(preflight.headers().get("Access-Control-Allow-Origin")).isEqualTo(ALLOWED);
            assertThat(preflight.headers().get("Access-Control-Allow-Methods")).contains("POST", "OPTIONS");
            assertThat(preflight.headers().get("Access-Control-Allow-Headers")).contains("authorization", "x-api-key",
                    "anthropic-version", "x-goog-api-key", "content-type");
            assertThat(Integer.parseInt(preflight.headers().get("Access-Control-Max-Age"))).isPositive();
            assertThat(preflight.headers().values("Vary")).contains("Origin");
        }
    }

    @Test
    void givesNoCorsHeaderToAnOriginThatIsNotConfigured() throws IOException {
        Reply preflight = preflight("/v1/messages", OTHER);
        assertThat(preflight.headers().names()).noneMatch(name -> name.toLowerCase().startsWith("access-control-"));
        assertThat(preflight.status()).isEqualTo(403);
        assertThat(preflight.headers().values("Vary")).contains("Origin");

        Reply api = call(new Request.Builder().url(relay.baseUrl() + "/api/openapi.json").header("Origin", OTHER).build());
        assertThat(api.status()).isEqualTo(200);
        assertThat(api.headers().names()).noneMatch(name -> name.toLowerCase().startsWith("access-control-"));
        assertThat(api.headers().values("Vary")).contains("Origin");
    }

    @Test
    void echoesAConfiguredOriginOnRealAnswers() throws IOException {
        Reply api = call(new Request.Builder().url(relay.baseUrl() + "/api/openapi.json").header("Origin", ALLOWED).build());
        assertThat(api.status()).isEqualTo(200);
        assertThat(api.headers().get("Access-Control-Allow-Origin")).isEqualTo(ALLOWED);
        assertThat(api.headers().values("Vary")).contains("Origin");

        RelayFixture.Member member = relay.member(Platform.ANTHROPIC);
        Reply gateway = call(new Request.Builder().url(relay.baseUrl() + "/v1/messages").header("Origin", "http://localhost:5173")
                .header("x-api-key", member.key()).header("anthropic-version", "2023-06-01")
                .post(RequestBody.create("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":8,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", MediaType.get("application/json"))).build());
        assertThat(gateway.status()).isEqualTo(200);
        assertThat(gateway.headers().get("Access-Control-Allow-Origin")).isEqualTo("http://localhost:5173");

        Reply refused = call(new Request.Builder().url(relay.baseUrl() + "/v1/messages").header("Origin", ALLOWED)
                .header("x-api-key", "rp-not-a-key-at-all").post(RequestBody.create("{}", MediaType.get("application/json"))).build());
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.headers().get("Access-Control-Allow-Origin")).as("errors readable by the page too").isEqualTo(ALLOWED);
    }

    private record Reply(int status, Headers headers) {}

    private Reply preflight(String path, String origin) throws IOException {
        return call(new Request.Builder().url(relay.baseUrl() + path).method("OPTIONS", null).header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "x-api-key, anthropic-version, content-type").build());
    }

    private Reply call(Request request) throws IOException {
        try (Response response = http.newCall(request).execute()) {
            response.body().string();
            return new Reply(response.code(), response.headers());
        }
    }
}
