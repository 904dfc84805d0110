package dev.relaypool.server.scheduling;

import dev.relaypool.model.Platform;
import dev.relaypool.server.RelaypoolServer;
import dev.relaypool.server.accounts.AccountCredentials;
import dev.relaypool.server.accounts.ModelMapping;
import dev.relaypool.server.accounts.NewAccount;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** A member's requests per protocol, and accounts seeded with limits and mappings, for the scheduling ITs. */
public final class PoolClient {
    public static final MediaType JSON = MediaType.get("application/json");
    public static final OkHttpClient HTTP = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(30))
            .connectionPool(new okhttp3.ConnectionPool(50, 1, java.util.concurrent.TimeUnit.MINUTES))
            .dispatcher(dispatcher()).build();

    private static okhttp3.Dispatcher dispatcher() {
        okhttp3.Dispatcher dispatcher = new okhttp3.Dispatcher();
        dispatcher.setMaxRequests(1000);
        dispatcher.setMaxRequestsPerHost(1000);
        return dispatcher;
    }

    public record Answer(int status, String body, Map<String, String> headers) {}

    private PoolClient() {}

    public static long account(RelaypoolServer server, String upstreamUrl, long groupId, Platform platform, String credential,
                        int priority, int limit, Map<String, String> mapping) {
        long id = server.parts().accounts().create(new NewAccount("acc-" + credential, platform,
                new AccountCredentials.ApiKey(credential), Optional.of(upstreamUrl), Optional.empty(), limit, priority,
                new ModelMapping(mapping)));
        server.parts().accounts().linkToGroup(id, groupId, priority);
        return id;
    }

    private static final java.util.concurrent.atomic.AtomicLong CONVERSATIONS = new java.util.concurrent.atomic.AtomicLong();

    /** Each request opens a new conversation (its own first message), so none is sticky unless a header says so. */
    public static Request request(String baseUrl, Platform platform, String key, boolean stream, Map<String, String> headers) {
        String text = "hi " + CONVERSATIONS.incrementAndGet();
        Request.Builder builder = switch (platform) {
            case ANTHROPIC -> new Request.Builder().url(baseUrl + "/v1/messages").header("x-api-key", key)
                    .header("anthropic-version", "2023-06-01")
                    .post(RequestBody.create("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":16,\"stream\":" + stream
                            + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}", JSON));
            case OPENAI -> new Request.Builder().url(baseUrl + "/v1/chat/completions").header("authorization", "Bearer " + key)
                    .post(RequestBody.create("{\"model\":\"gpt-5\",\"stream\":" + stream
                            + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}", JSON));
            case GEMINI -> new Request.Builder()
                    .url(baseUrl + "/v1beta/models/gemini-2.5-pro:" + (stream ? "streamGenerateContent?alt=sse" : "generateContent"))
                    .header("x-goog-api-key", key)
                    .post(RequestBody.create("{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"" + text + "\"}]}]}", JSON));
        };
        headers.forEach(builder::header);
        return builder.build();
    }

    public static Answer send(Request request) throws IOException {
        try (Response response = HTTP.newCall(request).execute()) {
            Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            response.headers().forEach(h -> headers.put(h.getFirst(), h.getSecond()));
            return new Answer(response.code(), response.body().string(), headers);
        }
    }
}
