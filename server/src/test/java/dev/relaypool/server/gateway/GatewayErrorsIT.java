package dev.relaypool.server.gateway;

import static dev.relaypool.server.gateway.TestGateway.ANTHROPIC_KEY;
import static dev.relaypool.server.gateway.TestGateway.GEMINI_KEY;
import static dev.relaypool.server.gateway.TestGateway.OPENAI_KEY;
import static dev.relaypool.server.gateway.TestGateway.account;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.relaypool.fake.FakeUpstream;
import dev.relaypool.model.Platform;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every way a request is refused, each in the envelope of the protocol the client speaks. */
class GatewayErrorsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MESSAGES = "{\"model\":\"claude-sonnet-4-5-20250929\",\"max_tokens\":8,\"messages\":[]}";
    private static FakeUpstream fake;
    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        fake = FakeUpstream.start(0);
        gateway = TestGateway.start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        fake.close();
    }

    @BeforeEach
    void clean() {
        fake.reset();
        gateway.reset();
        gateway.selector.setAccounts(account(1, Platform.ANTHROPIC, fake.baseUrl(), "sk-ant-1"),
                account(3, Platform.OPENAI, fake.baseUrl(), "sk-oai-3"), account(5, Platform.GEMINI, fake.baseUrl(), "g-5"));
    }

    @Test
    void rejectsAnUnknownKeyInEachProtocolsEnvelope() throws Exception {
        assertAnthropicError(send("POST", "/v1/messages", "x-api-key", "rp-wrong", MESSAGES), 401, "authentication_error");
        assertOpenAiError(send("POST", "/v1/chat/completions", "authorization", "Bearer rp-wrong", "{}"), 401, "unknown_key");
        assertGoogleError(send("POST", "/v1beta/models/gemini-2.5-pro:generateContent?key=rp-wrong", "x-none", "-", "{}"),
                401, "UNAUTHENTICATED");
        assertAnthropicError(send("POST", "/v1/messages", "x-none", "-", MESSAGES), 401, "authentication_error");
        assertThat(fake.requests()).isEmpty();
        assertThat(gateway.usage).isEmpty();
    }

    @Test
    void refusesDisabledExpiredAndOverQuotaKeys() throws Exception {
        assertAnthropicError(send("POST", "/v1/messages", "x-api-key", TestGateway.DISABLED_KEY, MESSAGES), 403, "permission_error");
        assertOpenAiError(send("POST", "/v1/responses", "authorization", "Bearer " + TestGateway.EXPIRED_KEY, "{}"),
                403, "key_expired");
        Response broke = send("POST", "/v1/messages", "x-api-key", TestGateway.BROKE_KEY, MESSAGES);
        JsonNode body = assertAnthropicError(broke, 429, "rate_limit_error");
        assertThat(body.path("error").path("message").asText()).isEqualTo("Your monthly quota of 10.00 USD is used up.");
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void refusesAKeyOnAnotherPlatformsApi() throws Exception {
        JsonNode body = assertAnthropicError(send("POST", "/v1/messages", "authorization", "Bearer " + OPENAI_KEY, MESSAGES),
                403, "permission_error");
        assertThat(body.path("error").path("message").asText()).contains("openai");
        assertGoogleError(send("POST", "/v1beta/models/gemini-2.5-pro:generateContent", "x-api-key", ANTHROPIC_KEY, "{}"),
                403, "PERMISSION_DENIED");
    }

    @Test
    void answersUnknownPathsAndMethodsInTheEnvelopeThePathSuggests() throws Exception {
        assertGoogleError(send("GET", "/v1beta/tunedModels", "x-goog-api-key", GEMINI_KEY, null), 404, "NOT_FOUND");
        assertAnthropicError(send("POST", "/v1/messages/batches", "x-api-key", ANTHROPIC_KEY, "{}"), 404, "not_found_error");
        assertOpenAiError(send("GET", "/v2/anything", "authorization", "Bearer " + OPENAI_KEY, null), 404, "not_found");
        Response wrongMethod = send("GET", "/v1/messages", "x-api-key", ANTHROPIC_KEY, null);
        assertThat(wrongMethod.header("allow")).isEqualTo("POST");
        assertAnthropicError(wrongMethod, 405, "invalid_request_error");
        assertOpenAiError(send("DELETE", "/v1/models", "authorization", "Bearer " + OPENAI_KEY, null), 405, "method_not_allowed");
    }

    @Test
    void refusesBrokenBodiesBeforeAnyUpstreamCall() throws Exception {
        assertAnthropicError(send("POST", "/v1/messages", "x-api-key", ANTHROPIC_KEY, "{\"model\":\"claude"), 400,
                "invalid_request_error");
        assertOpenAiError(send("POST", "/v1/chat/completions", "authorization", "Bearer " + OPENAI_KEY,
                "{\"messages\":[]}"), 400, "missing_model");
        assertOpenAiError(send("POST", "/v1/responses", "authorization", "Bearer " + OPENAI_KEY,
                "{\"model\":42}"), 400, "invalid_model");
        assertOpenAiError(send("POST", "/v1/responses", "authorization", "Bearer " + OPENAI_KEY,
                "{\"model\":\"a\",\"model\":\"b\"}"), 400, "malformed_json");
        assertGoogleError(send("POST", "/v1beta/models/gemini-2.5-pro:generateContent", "x-goog-api-key", GEMINI_KEY,
                "[1,2]"), 400, "INVALID_ARGUMENT");
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void refusesAnOversizedBodyWithOrWithoutContentLength() throws Exception {
        byte[] big = new byte[2 * 1024 * 1024];
        java.util.Arrays.fill(big, (byte) ' ');
        assertAnthropicError(gateway.http.newCall(new Request.Builder().url(gateway.url("/v1/messages"))
                .header("x-api-key", ANTHROPIC_KEY).post(RequestBody.create(big, MediaType.get("application/json")))
                .build()).execute(), 413, "request_too_large");
        RequestBody chunked = new RequestBody() {
            @Override
            public MediaType contentType() {
                return MediaType.get("application/json");
            }

            @Override
            public void writeTo(BufferedSink sink) throws IOException {
                sink.write(big);
            }
        };
        Response response;
        try {
            response = gateway.http.newCall(new Request.Builder().url(gateway.url("/v1/messages"))
                    .header("x-api-key", ANTHROPIC_KEY).post(chunked).build()).execute();
            assertAnthropicError(response, 413, "request_too_large");
        } catch (IOException e) {
            // the server may close before the client finished sending; then it never got a 5xx either
        }
        assertThat(fake.requests()).isEmpty();
        assertHealthy();
    }

    @Test
    void refusesAnOversizedHeaderBlockAndStaysUp() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(("GET /v1/models HTTP/1.1\r\nHost: x\r\nx-api-key: " + ANTHROPIC_KEY
                    + "\r\nx-padding: " + "a".repeat(64 * 1024) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String answer;
            try {
                answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            } catch (IOException reset) {
                answer = ""; // a reset connection is a refusal too
            }
            assertThat(answer).satisfiesAnyOf(a -> assertThat(a).isEmpty(), a -> assertThat(a).matches("(?s)HTTP/1.1 4\\d\\d.*"));
        }
        assertHealthy();
    }

    @Test
    void saysWhenToRetryWhenNoAccountIsAvailable() throws Exception {
        gateway.selector.setAccounts();
        Response response = send("POST", "/v1/messages", "x-api-key", ANTHROPIC_KEY, MESSAGES);
        assertThat(response.header("retry-after")).isEqualTo("7");
        assertAnthropicError(response, 503, "api_error");
        TestGateway.eventually(() -> !gateway.usage.isEmpty(), "usage record");
        assertThat(gateway.usage).singleElement().satisfies(r -> assertThat(r.errorClass()).isEqualTo("no_account_available"));
    }

    private static void assertHealthy() throws IOException {
        try (Response health = gateway.http.newCall(new Request.Builder().url(gateway.url("/healthz")).build()).execute()) {
            assertThat(health.code()).isEqualTo(200);
        }
    }

    private static Response send(String method, String path, String header, String value, String body) throws IOException {
        return gateway.http.newCall(new Request.Builder().url(gateway.url(path)).header(header, value)
                .method(method, body == null ? null : RequestBody.create(body, MediaType.get("application/json")))
                .build()).execute();
    }

    private static JsonNode assertAnthropicError(Response response, int status, String type) throws IOException {
        JsonNode body = read(response, status);
        assertThat(body.path("type").asText()).isEqualTo("error");
        assertThat(body.path("error").path("type").asText()).isEqualTo(type);
        assertThat(body.path("error").path("message").asText()).isNotBlank();
        return body;
    }

    private static void assertOpenAiError(Response response, int status, String code) throws IOException {
        JsonNode body = read(response, status);
        assertThat(body.path("error").path("code").asText()).isEqualTo(code);
        assertThat(body.path("error").path("type").asText()).isNotBlank();
        assertThat(body.path("error").path("message").asText()).isNotBlank();
    }

    private static void assertGoogleError(Response response, int status, String googleStatus) throws IOException {
        JsonNode body = read(response, status);
        assertThat(body.path("error").path("code").asInt()).isEqualTo(status);
        assertThat(body.path("error").path("status").asText()).isEqualTo(googleStatus);
        assertThat(body.path("error").path("message").asText()).isNotBlank();
    }

    private static JsonNode read(Response response, int status) throws IOException {
        try (response) {
            String text = response.body().string();
            assertThat(response.code()).as(text + response.headers()).isEqualTo(status);
            assertThat(response.header("content-type")).startsWith("application/json");
            assertThat(response.header("x-relaypool-request-id")).startsWith("req_");
            assertThat(text).doesNotContain("Exception", "\tat ", "sk-ant-1", "sk-oai-3");
            return JSON.readTree(text);
        }
    }
}
