package dev.relaypool.server.gateway;

import static dev.relaypool.server.gateway.TestGateway.ANTHROPIC_KEY;
import static dev.relaypool.server.gateway.TestGateway.GEMINI_KEY;
import static dev.relaypool.server.gateway.TestGateway.OPENAI_KEY;
import static dev.relaypool.server.gateway.TestGateway.account;
import static dev.relaypool.server.gateway.TestGateway.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.relaypool.fake.Behaviour;
import dev.relaypool.fake.FakeUpstream;
import dev.relaypool.fake.RecordedRequest;
import dev.relaypool.fake.Usage;
import dev.relaypool.model.Platform;
import dev.relaypool.server.usage.TokenUsage;
import dev.relaypool.server.usage.UsageRecord;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The relay against the protocol fake: failover, credentials, header allow-lists, usage, model mapping. */
class GatewayFakeUpstreamIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLAUDE = "claude-sonnet-4-5-20250929";
    private static final String ANTHROPIC_BODY = "{\"model\":\"" + CLAUDE + "\",\"max_tokens\":64,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
    private static FakeUpstream fake;
    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        fake = FakeUpstream.start(0);
        gateway = TestGateway.start(Map.of("RELAYPOOL_GATEWAY_RESPONSE_HEADER_TIMEOUT_MS", "1500"));
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
        gateway.selector.setAccounts(
                account(1, Platform.ANTHROPIC, fake.baseUrl(), "sk-ant-acc-1"),
                account(2, Platform.ANTHROPIC, fake.baseUrl(), "sk-ant-acc-2"),
                account(3, Platform.OPENAI, fake.baseUrl(), "sk-oai-acc-3"),
                account(4, Platform.OPENAI, fake.baseUrl(), "sk-oai-acc-4"),
                account(5, Platform.GEMINI, fake.baseUrl(), "gem-acc-5"),
                account(6, Platform.GEMINI, fake.baseUrl(), "gem-acc-6"));
    }

    @Test
    void failsOverOn429BeforeFirstByteAndReportsTheRetryAfter() throws Exception {
        fake.forCredential("sk-ant-acc-1", Behaviour.rateLimited(Duration.ofSeconds(42)));

        try (Response response = post("/v1/messages", ANTHROPIC_KEY, streaming(ANTHROPIC_BODY))) {
            assertThat(response.code()).isEqualTo(200);
            assertThat(response.body().string()).contains("message_stop");
        }

        assertThat(fake.requests()).extracting(RecordedRequest::credential).containsExactly("sk-ant-acc-1", "sk-ant-acc-2");
        assertThat(gateway.selector.failures).containsExactly(
                new InMemorySelector.Feedback(1, FailureClass.RATE_LIMITED, Optional.of(Duration.ofSeconds(42))));
        assertThat(gateway.selector.successes).containsExactly(2L);
        eventually(() -> gateway.usage.size() == 1, "one usage record");
        assertThat(gateway.usage).singleElement().satisfies(record -> {
            assertThat(record.accountId()).isEqualTo(2L);
            assertThat(record.answered()).isTrue();
        });
        assertThat(gateway.selector.leasesHeld()).isZero();
    }

    static Stream<Arguments> retryableFailures() {
        return Stream.of(
                Arguments.of(Behaviour.overloaded(), FailureClass.OVERLOADED),
                Arguments.of(Behaviour.serverError(), FailureClass.SERVER_ERROR),
                Arguments.of(Behaviour.unauthorized(), FailureClass.AUTH_REJECTED),
                Arguments.of(Behaviour.forbidden(), FailureClass.AUTH_REJECTED),
                Arguments.of(Behaviour.neverAnswer(), FailureClass.HEADER_TIMEOUT),
                Arguments.of(Behaviour.dropBeforeHeaders(), FailureClass.CONNECT_FAILED));
    }

    @ParameterizedTest
    @MethodSource("retryableFailures")
    void failsOverToTheNextAccountBeforeTheFirstByte(Behaviour behaviour, FailureClass expected) throws Exception {
        fake.setHangLimit(Duration.ofSeconds(5));
        fake.forCredential("sk-oai-acc-3", behaviour);

        try (Response response = post("/v1/chat/completions", OPENAI_KEY,
                "{\"model\":\"gpt-5\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}")) {
            assertThat(response.code()).isEqualTo(200);
            assertThat(response.body().string()).endsWith("data: [DONE]\n\n");
        }

        assertThat(gateway.selector.failures).extracting(InMemorySelector.Feedback::accountId, InMemorySelector.Feedback::failure)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(3L, expected));
        eventually(() -> gateway.usage.size() == 1, "one usage record");
        assertThat(gateway.usage.getFirst().accountId()).isEqualTo(4L);
        assertThat(gateway.selector.leasesHeld()).isZero();
    }

    @Test
    void failsOverWhenAnAccountCannotBeReachedAtAll() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        gateway.selector.setAccounts(account(7, Platform.GEMINI, "http://127.0.0.1:" + closedPort, "gem-dead"),
                account(6, Platform.GEMINI, fake.baseUrl(), "gem-acc-6"));

        try (Response response = post("/v1beta/models/gemini-2.5-pro:generateContent", GEMINI_KEY,
                "{\"contents\":[{\"parts\":[{\"text\":\"Hi\"}]}]}")) {
            assertThat(response.code()).isEqualTo(200);
        }
        assertThat(gateway.selector.failures).extracting(InMemorySelector.Feedback::failure)
                .containsExactly(FailureClass.CONNECT_FAILED);
    }

    @Test
    void answersARetryableErrorInTheProtocolWhenEveryAccountIsRateLimited() throws Exception {
        fake.setDefault(Behaviour.rateLimited(Duration.ofSeconds(42)));

        try (Response response = post("/v1/messages", ANTHROPIC_KEY, ANTHROPIC_BODY)) {
            assertThat(response.code()).isEqualTo(429);
            assertThat(response.header("retry-after")).isEqualTo("42");
            JsonNode body = JSON.readTree(response.body().string());
            assertThat(body.path("type").asText()).isEqualTo("error");
            assertThat(body.path("error").path("type").asText()).isEqualTo("rate_limit_error");
        }
        assertThat(fake.requests()).hasSize(2); // both Anthropic accounts, then no more
        eventually(() -> gateway.usage.size() == 1, "one usage record");
        assertThat(gateway.usage.getFirst().answered()).isFalse();
        assertThat(gateway.selector.leasesHeld()).isZero();
    }

    @Test
    void passesTheProvidersReasonThroughForAnErrorAboutTheRequest() throws Exception {
        fake.setDefault(Behaviour.contextTooLong());

        try (Response response = post("/v1/messages", ANTHROPIC_KEY, ANTHROPIC_BODY)) {
            assertThat(response.code()).isEqualTo(400);
            assertThat(response.body().string()).contains("prompt is too long");
        }
        assertThat(fake.requests()).hasSize(1); // another account would say the same: no failover
        assertThat(gateway.selector.failures).isEmpty();
    }

    @Test
    void sendsEachPlatformsCredentialAndNeverTheMembersKey() throws Exception {
        post("/v1/messages", ANTHROPIC_KEY, ANTHROPIC_BODY).close();
        post("/v1/responses", OPENAI_KEY, "{\"model\":\"gpt-5-codex\",\"input\":\"Hi\"}").close();
        try (Response response = gateway.http.newCall(new Request.Builder()
                .url(gateway.url("/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse&key=" + GEMINI_KEY))
                .post(RequestBody.create("{\"contents\":[{\"parts\":[{\"text\":\"Hi\"}]}]}", MediaType.get("application/json")))
                .build()).execute()) {
            assertThat(response.code()).isEqualTo(200);
            response.body().string();
        }

        List<RecordedRequest> sent = fake.requests();
        assertThat(sent).hasSize(3);
        assertThat(sent.get(0).header("x-api-key")).isEqualTo("sk-ant-acc-1");
        assertThat(sent.get(0).header("authorization")).isNull();
        assertThat(sent.get(1).header("authorization")).isEqualTo("Bearer sk-oai-acc-3");
        assertThat(sent.get(2).header("x-goog-api-key")).isEqualTo("gem-acc-5");
        assertThat(sent.get(2).query()).isEqualTo("alt=sse");
        for (RecordedRequest request : sent) {
            String everything = request.headers() + " " + request.query() + " " + request.bodyText();
            assertThat(everything).doesNotContain(ANTHROPIC_KEY, OPENAI_KEY, GEMINI_KEY);
        }
    }

    @Test
    void sendsAnOAuthAccountsTokenAsBearerWithTheOAuthBeta() throws Exception {
        gateway.selector.setAccounts(new UpstreamAccount(9, Platform.ANTHROPIC, fake.baseUrl(),
                new UpstreamCredential.OAuthBearer("sk-ant-oat-token"), Optional.empty()));

        try (Response response = gateway.http.newCall(new Request.Builder().url(gateway.url("/v1/messages"))
                .header("authorization", "Bearer " + ANTHROPIC_KEY)
                .header("anthropic-beta", "claude-code-20250219")
                .post(RequestBody.create(ANTHROPIC_BODY, MediaType.get("application/json"))).build()).execute()) {
            assertThat(response.code()).isEqualTo(200);
        }
        RecordedRequest sent = fake.lastRequest();
        assertThat(sent.header("authorization")).isEqualTo("Bearer sk-ant-oat-token");
        assertThat(sent.header("x-api-key")).isNull();
        assertThat(sent.header("anthropic-beta")).isEqualTo("claude-code-20250219,oauth-2025-04-20");
    }

    @Test
    void forwardsOnlyAllowListedHeadersBothWays() throws Exception {
        Request request = new Request.Builder().url(gateway.url("/v1/messages?beta=true"))
                .header("x-api-key", ANTHROPIC_KEY)
                .header("anthropic-version", "2023-06-01")
                .header("anthropic-beta", "interleaved-thinking-2025-05-14")
                .header("x-stainless-lang", "js")
                .header("user-agent", "claude-cli/2.0.0 (external, cli)")
                .header("x-claude-code-session-id", "sess-1")
                .header("cookie", "session=secret")
                .header("x-forwarded-for", "10.0.0.1")
                .header("x-internal-note", "do not forward")
                .post(RequestBody.create(ANTHROPIC_BODY, MediaType.get("application/json")))
                .build();
        try (Response response = gateway.http.newCall(request).execute()) {
            assertThat(response.code()).isEqualTo(200);
            assertThat(response.header("request-id")).startsWith("req_fake");
            assertThat(response.header("x-relaypool-request-id")).startsWith("req_");
            assertThat(response.header("content-type")).startsWith("application/json");
        }

        RecordedRequest sent = fake.lastRequest();
        assertThat(sent.query()).isEqualTo("beta=true");
        assertThat(sent.header("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(sent.header("anthropic-beta")).isEqualTo("interleaved-thinking-2025-05-14");
        assertThat(sent.header("x-stainless-lang")).isEqualTo("js");
        assertThat(sent.header("user-agent")).isEqualTo("claude-cli/2.0.0 (external, cli)");
        assertThat(sent.header("x-claude-code-session-id")).isEqualTo("sess-1");
        assertThat(sent.header("cookie")).isNull();
        assertThat(sent.header("x-forwarded-for")).isNull();
        assertThat(sent.header("x-internal-note")).isNull();
        // the scheduler sees the session namespaced by the client that sent it (see SessionKeys)
        assertThat(gateway.selector.sessionHints).containsExactly(Optional.of("claude:sess-1"));
    }

    @Test
    void makesUpNoUserAgentWhenTheClientSentNone() throws Exception {
        Request request = new Request.Builder().url(gateway.url("/v1/messages"))
                .header("x-api-key", ANTHROPIC_KEY)
                .post(RequestBody.create(ANTHROPIC_BODY, MediaType.get("application/json")))
                .build();
        // OkHttp, as the test client, adds its own user agent; a raw socket client would send none
        try (var socket = new java.net.Socket("127.0.0.1", gateway.port())) {
            byte[] body = ANTHROPIC_BODY.getBytes(StandardCharsets.UTF_8);
            socket.getOutputStream().write(("POST /v1/messages HTTP/1.1\r\nHost: x\r\nx-api-key: " + ANTHROPIC_KEY
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(body);
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 200");
        }
        assertThat(request.header("user-agent")).isNull();
        assertThat(fake.lastRequest().header("user-agent")).isNull();
    }

    static Stream<Arguments> usageCases() {
        String chat = "{\"model\":\"gpt-5\",%s\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
        String gemini = "{\"contents\":[{\"parts\":[{\"text\":\"Hi\"}]}]}";
        TokenUsage anthropic = new TokenUsage(100, 20, 30, 40, 50);
        TokenUsage folded = new TokenUsage(170, 20, 0, 0, 50); // cache writes are plain input on OpenAI and Gemini
        return Stream.of(
                Arguments.of("/v1/messages", ANTHROPIC_KEY, ANTHROPIC_BODY, anthropic),
                Arguments.of("/v1/messages", ANTHROPIC_KEY, streaming(ANTHROPIC_BODY), anthropic),
                Arguments.of("/v1/chat/completions", OPENAI_KEY, chat.formatted(""), folded),
                Arguments.of("/v1/chat/completions", OPENAI_KEY,
                        chat.formatted("\"stream\":true,\"stream_options\":{\"include_usage\":true},"), folded),
                Arguments.of("/v1/responses", OPENAI_KEY, "{\"model\":\"gpt-5\",\"input\":\"Hi\"}", folded),
                Arguments.of("/v1/responses", OPENAI_KEY, "{\"model\":\"gpt-5\",\"input\":\"Hi\",\"stream\":true}", folded),
                Arguments.of("/v1beta/models/gemini-2.5-pro:generateContent", GEMINI_KEY, gemini, folded),
                Arguments.of("/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse", GEMINI_KEY, gemini, folded),
                Arguments.of("/v1beta/models/gemini-2.5-pro:streamGenerateContent", GEMINI_KEY, gemini, folded));
    }

    @ParameterizedTest
    @MethodSource("usageCases")
    void readsUsageIntoDisjointBuckets(String path, String key, String body, TokenUsage expected) throws Exception {
        fake.setUsage(new Usage(100, 20, 30, 40, 50, 5));

        try (Response response = post(path, key, body)) {
            assertThat(response.code()).isEqualTo(200);
            response.body().bytes();
        }

        eventually(() -> gateway.usage.size() == 1, "one usage record");
        UsageRecord record = gateway.usage.getFirst();
        assertThat(record.tokens()).isEqualTo(expected);
        assertThat(record.errorClass()).isNull();
    }

    @Test
    void rewritesOnlyTheModelWhenTheAccountKnowsItByAnotherName() throws Exception {
        gateway.selector.mapModel(1, CLAUDE, "claude-sonnet-4-5");
        gateway.selector.mapModel(5, "gemini-pro-latest", "gemini-2.5-pro");
        String body = "{\"max_tokens\":64, \"model\" : \"" + CLAUDE + "\",\"messages\":[{\"role\":\"user\",\"content\":"
                + "\"model: keep \\\"me\\\"\"}],\"metadata\":{\"model\":\"x\"}}";

        post("/v1/messages", ANTHROPIC_KEY, body).close();
        post("/v1beta/models/gemini-pro-latest:generateContent", GEMINI_KEY, "{\"contents\":[]}").close();

        assertThat(fake.requests().get(0).bodyText()).isEqualTo(body.replace("\"" + CLAUDE + "\"", "\"claude-sonnet-4-5\""));
        assertThat(fake.requests().get(1).path()).isEqualTo("/v1beta/models/gemini-2.5-pro:generateContent");
        eventually(() -> gateway.usage.size() == 2, "usage records");
        assertThat(gateway.usage.getFirst().requestedModel()).isEqualTo(CLAUDE);
        assertThat(gateway.usage.getFirst().upstreamModel()).isEqualTo("claude-sonnet-4-5");
    }

    @Test
    void forwardsCountTokens() throws Exception {
        try (Response response = post("/v1/messages/count_tokens", ANTHROPIC_KEY, ANTHROPIC_BODY)) {
            assertThat(response.code()).isEqualTo(200);
            assertThat(JSON.readTree(response.body().string()).has("input_tokens")).isTrue();
        }
        try (Response response = post("/v1beta/models/gemini-2.5-pro:countTokens", GEMINI_KEY, "{\"contents\":[]}")) {
            assertThat(response.code()).isEqualTo(200);
            assertThat(JSON.readTree(response.body().string()).has("totalTokens")).isTrue();
        }
    }

    @Test
    void listsModelsInTheProtocolOfTheKey() throws Exception {
        JsonNode anthropic = getJson("/v1/models", "x-api-key", ANTHROPIC_KEY);
        assertThat(anthropic.path("data").path(0).path("type").asText()).isEqualTo("model");
        assertThat(anthropic.path("data").path(0).path("id").asText()).isEqualTo(CLAUDE);
        JsonNode openAi = getJson("/v1/models", "authorization", "Bearer " + OPENAI_KEY);
        assertThat(openAi.path("object").asText()).isEqualTo("list");
        assertThat(openAi.path("data").path(1).path("id").asText()).isEqualTo("gpt-5-codex");
        JsonNode gemini = getJson("/v1beta/models?key=" + GEMINI_KEY, "x-unused", "-");
        assertThat(gemini.path("models").path(0).path("name").asText()).isEqualTo("models/gemini-2.5-pro");
        JsonNode one = getJson("/v1beta/models/gemini-2.5-flash", "x-goog-api-key", GEMINI_KEY);
        assertThat(one.path("name").asText()).isEqualTo("models/gemini-2.5-flash");
        assertThat(fake.requests()).isEmpty();
    }

    private static JsonNode getJson(String path, String header, String value) throws IOException {
        try (Response response = gateway.http.newCall(new Request.Builder().url(gateway.url(path)).header(header, value)
                .build()).execute()) {
            assertThat(response.code()).isEqualTo(200);
            return JSON.readTree(response.body().string());
        }
    }

    private static String streaming(String body) {
        return body.replaceFirst("\\{", "{\"stream\":true,");
    }

    private static Response post(String path, String key, String body) throws IOException {
        Request.Builder builder = new Request.Builder().url(gateway.url(path))
                .post(RequestBody.create(body, MediaType.get("application/json")));
        if (key.equals(ANTHROPIC_KEY)) {
            builder.header("x-api-key", key).header("anthropic-version", "2023-06-01");
        } else if (key.equals(GEMINI_KEY)) {
            builder.header("x-goog-api-key", key);
        } else {
            builder.header("authorization", "Bearer " + key);
        }
        return gateway.http.newCall(builder.build()).execute();
    }
}
