package dev.relaypool.server.admin;

import dev.relaypool.model.Platform;
import dev.relaypool.model.admin.AccountTestEvent;
import dev.relaypool.server.accounts.AccountCredentials;
import dev.relaypool.server.api.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One minimal real request to an account (a streamed "say hi" of at most 16 tokens), reported step by step. The
 * request goes straight to the account's endpoint with its credential; proxies are not applied here (yet).
 */
final class AccountTester {
    static final Map<Platform, String> DEFAULT_MODELS = Map.of(Platform.ANTHROPIC, "claude-3-5-haiku-latest",
            Platform.OPENAI, "gpt-4o-mini", Platform.GEMINI, "gemini-2.0-flash");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_LINES = 2_000;

    record Target(Platform platform, String baseUrl, AccountCredentials credentials, String model) {}

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    /** Runs the test, handing each step to {@code report}; the last step is {@code succeeded} or {@code failed}. */
    void run(Target target, Consumer<AccountTestEvent> report) {
        long start = System.nanoTime();
        report.accept(new AccountTestEvent(AccountTestEvent.STARTED, "POST " + target.platform().wireName()
                + " model " + target.model(), null, 0L));
        try {
            HttpResponse<InputStream> response = http.send(request(target), HttpResponse.BodyHandlers.ofInputStream());
            report.accept(new AccountTestEvent(AccountTestEvent.CONNECTED, "HTTP " + response.statusCode(),
                    response.statusCode(), elapsed(start)));
            try (BufferedReader body = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                if (response.statusCode() >= 300) {
                    String text = body.lines().limit(20).reduce("", (a, b) -> a + b);
                    report.accept(new AccountTestEvent(AccountTestEvent.FAILED, "upstream answered "
                            + response.statusCode() + ": " + abbreviate(text), response.statusCode(), elapsed(start)));
                    return;
                }
                String line;
                int lines = 0;
                while ((line = body.readLine()) != null && lines++ < MAX_LINES) {
                    if (line.startsWith("data:") && line.length() > 6 && !line.contains("[DONE]")) {
                        report.accept(new AccountTestEvent(AccountTestEvent.OUTPUT, abbreviate(line.substring(5).strip()),
                                null, elapsed(start)));
                    }
                }
            }
            report.accept(new AccountTestEvent(AccountTestEvent.SUCCEEDED, "the account answered",
                    response.statusCode(), elapsed(start)));
        } catch (IOException | RuntimeException e) {
            report.accept(new AccountTestEvent(AccountTestEvent.FAILED, "request failed: " + e.getClass().getSimpleName(),
                    null, elapsed(start)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static HttpRequest request(Target t) throws IOException {
        String say = "Say hi.";
        HttpRequest.Builder builder = HttpRequest.newBuilder().timeout(TIMEOUT).header("Content-Type", "application/json");
        String secret = switch (t.credentials()) {
            case AccountCredentials.ApiKey key -> key.apiKey();
            case AccountCredentials.OAuth oauth -> oauth.accessToken();
        };
        boolean bearer = t.credentials() instanceof AccountCredentials.OAuth;
        Object body;
        switch (t.platform()) {
            case ANTHROPIC -> {
                builder.uri(URI.create(t.baseUrl() + "/v1/messages")).header("anthropic-version", "2023-06-01");
                builder.header(bearer ? "Authorization" : "x-api-key", bearer ? "Bearer " + secret : secret);
                body = Map.of("model", t.model(), "max_tokens", 16, "stream", true,
                        "messages", java.util.List.of(Map.of("role", "user", "content", say)));
            }
            case OPENAI -> {
                builder.uri(URI.create(t.baseUrl() + "/v1/chat/completions")).header("Authorization", "Bearer " + secret);
                body = Map.of("model", t.model(), "max_tokens", 16, "stream", true,
                        "messages", java.util.List.of(Map.of("role", "user", "content", say)));
            }
            case GEMINI -> {
                builder.uri(URI.create(t.baseUrl() + "/v1beta/models/" + t.model() + ":streamGenerateContent?alt=sse"));
                builder.header(bearer ? "Authorization" : "x-goog-api-key", bearer ? "Bearer " + secret : secret);
                body = Map.of("contents", java.util.List.of(Map.of("role", "user",
                        "parts", java.util.List.of(Map.of("text", say)))));
            }
            default -> throw new IllegalStateException();
        }
        return builder.POST(HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(body))).build();
    }

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }
}
