package dev.relaypool.server.gateway;

import static dev.relaypool.server.gateway.TestGateway.account;
import static dev.relaypool.server.gateway.TestGateway.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.fake.FakeUpstream;
import dev.relaypool.model.Platform;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** Thousands of broken, truncated and odd requests: the relay answers each without a 5xx and leaks no lease. */
class GatewayFuzzIT {
    private static final String[] PATHS = {
        "/v1/messages", "/v1/messages?beta=true", "/v1/messages/count_tokens", "/v1/chat/completions", "/v1/responses",
        "/v1beta/models/gemini-2.5-pro:generateContent", "/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse",
        "/v1beta/models/gemini-2.5-pro:countTokens", "/v1beta/models/..%2F:generateContent", "/v1beta/models/a:b",
        "/v1/models", "/v1beta/models", "/", "/v1", "/v1/messages/../chat/completions", "/v1beta/models/x:"};
    private static final String[] SEEDS = {
        "{\"model\":\"claude-sonnet-4-5-20250929\",\"max_tokens\":16,\"stream\":true,\"messages\":[{\"role\":\"user\","
                + "\"content\":[{\"type\":\"text\",\"text\":\"h\u00e9 \ud83c\udf0d\"}]}],\"metadata\":{\"user_id\":\"u\"}}",
        "{\"model\":\"gpt-5\",\"stream\":false,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"n\":1.5e3}",
        "{\"model\":\"gpt-5-codex\",\"stream\":true,\"input\":[{\"role\":\"user\",\"content\":\"x\"}],\"prompt_cache_key\":\"k\"}",
        "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}],\"generationConfig\":{\"temperature\":0.2}}"};

    @Test
    void survivesThousandsOfMalformedRequestsWithoutA5xxOrALeakedLease() throws Exception {
        try (FakeUpstream fake = FakeUpstream.start(0); TestGateway gateway = TestGateway.start()) {
            gateway.selector.setAccounts(account(1, Platform.ANTHROPIC, fake.baseUrl(), "sk-a"),
                    account(2, Platform.OPENAI, fake.baseUrl(), "sk-o"), account(3, Platform.GEMINI, fake.baseUrl(), "g"));
            String[][] keys = {{"x-api-key", TestGateway.ANTHROPIC_KEY}, {"authorization", "Bearer " + TestGateway.OPENAI_KEY},
                {"x-goog-api-key", TestGateway.GEMINI_KEY}, {"authorization", "Bearer"}, {"x-api-key", ""}};
            Random random = new Random(20251101);
            List<String> fiveHundreds = new ArrayList<>();
            for (int i = 0; i < 2500; i++) {
                String path = PATHS[random.nextInt(PATHS.length)];
                String[] key = keys[random.nextInt(keys.length)];
                byte[] body = mutate(SEEDS[random.nextInt(SEEDS.length)].getBytes(StandardCharsets.UTF_8), random);
                String method = random.nextInt(20) == 0 ? "PUT" : "POST";
                Request request = new Request.Builder().url(gateway.url(path)).header(key[0], key[1])
                        .method(method, RequestBody.create(body, MediaType.get("application/json"))).build();
                try (Response response = gateway.http.newCall(request).execute()) {
                    response.body().bytes();
                    if (response.code() >= 500) {
                        fiveHundreds.add(response.code() + " " + path + " " + new String(body, StandardCharsets.UTF_8));
                    }
                }
            }
            assertThat(fiveHundreds).isEmpty();
            eventually(() -> gateway.selector.leasesHeld() == 0, "every lease released");
            assertThat(gateway.selector.leasesTaken()).isPositive(); // some requests did get through
        }
    }

    /** Truncates, flips bytes, splices garbage or swaps the model for an odd value. */
    private static byte[] mutate(byte[] seed, Random random) {
        return switch (random.nextInt(7)) {
            case 0 -> Arrays.copyOf(seed, random.nextInt(seed.length + 1));
            case 1 -> {
                byte[] copy = seed.clone();
                for (int j = 0; j < 1 + random.nextInt(4); j++) {
                    copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
                }
                yield copy;
            }
            case 2 -> {
                byte[] noise = new byte[random.nextInt(300)];
                random.nextBytes(noise);
                yield noise;
            }
            case 3 -> new String(seed, StandardCharsets.UTF_8)
                    .replaceFirst("\"model\":\"[^\"]*\"", "\"model\":" + oddValue(random)).getBytes(StandardCharsets.UTF_8);
            case 4 -> ("[".repeat(random.nextInt(3000)) + "{}").getBytes(StandardCharsets.UTF_8);
            case 5 -> (new String(seed, StandardCharsets.UTF_8) + " trailing").getBytes(StandardCharsets.UTF_8);
            default -> seed;
        };
    }

    private static String oddValue(Random random) {
        String[] values = {"null", "42", "[]", "{}", "\"\"", "\"\\u0000\"", "\"a\\nb\"", "\"" + "m".repeat(500) + "\"",
            "\"\\ud800\"", "true", "\"gpt-5\""};
        return values[random.nextInt(values.length)];
    }
}
