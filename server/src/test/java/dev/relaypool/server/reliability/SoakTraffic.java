package dev.relaypool.server.reliability;

import dev.relaypool.model.Platform;
import java.io.IOException;
import java.time.Duration;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Call;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * One soak request as a client sends it: a protocol and shape drawn at random, sent, read to the end (or hung up on
 * after the first bytes) and classified the way a user would judge it: a whole answer, an HTTP error, a stream that
 * ended with an in-band error, or a broken connection.
 */
final class SoakTraffic {
    private static final MediaType JSON = MediaType.get("application/json");
    /** An error object or event in a stream; OpenAI Responses objects carry {@code "error":null} when all is well. */
    private static final Pattern IN_BAND_ERROR = Pattern.compile("\"error\"\\s*:\\s*\\{|event: error");
    private static final Pattern MESSAGE = Pattern.compile("\"message\"\\s*:\\s*\"([^\"]{0,120})");

    /** What one request came to; {@code requestId} is the relay's id (null when no response came). */
    record Outcome(String shape, String outcome, String requestId) {
        static final String ANSWERED = "answered";
        static final String HUNG_UP = "client_hung_up";

        boolean answered() { return ANSWERED.equals(outcome); }
    }

    /** A request shape: how to build it and how its complete answer ends. */
    private record Shape(String name, Platform platform, boolean stream, String path, String body, String terminal) {}

    private final OkHttpClient http;
    private final String baseUrl;
    private final SoakPool pool;

    SoakTraffic(String baseUrl, SoakPool pool) {
        this.baseUrl = baseUrl;
        this.pool = pool;
        okhttp3.Dispatcher dispatcher = new okhttp3.Dispatcher();
        dispatcher.setMaxRequests(1024);
        dispatcher.setMaxRequestsPerHost(1024);
        this.http = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(60)).dispatcher(dispatcher)
                .connectionPool(new okhttp3.ConnectionPool(64, 1, java.util.concurrent.TimeUnit.MINUTES)).build();
    }

    Outcome send(Random random, long sequence, boolean hangUp) {
        Shape shape = shape(random, sequence);
        String key = pool.keys().get(shape.platform()).get(random.nextInt(pool.keys().get(shape.platform()).size()));
        Request.Builder request = new Request.Builder().url(baseUrl + shape.path())
                .post(RequestBody.create(shape.body(), JSON));
        switch (shape.platform()) {
            case ANTHROPIC -> request.header("x-api-key", key).header("anthropic-version", "2023-06-01");
            case OPENAI -> request.header("authorization", "Bearer " + key);
            case GEMINI -> request.header("x-goog-api-key", key);
        }
        Call call = http.newCall(request.build());
        String requestId = null;
        try (Response response = call.execute()) {
            requestId = response.header("x-relaypool-request-id");
            if (hangUp && response.code() == 200) {
                response.body().source().request(1);
                call.cancel();
                return new Outcome(shape.name(), Outcome.HUNG_UP, requestId);
            }
            String body = response.body().string();
            if (response.code() != 200) {
                return new Outcome(shape.name(), "http_" + response.code() + " " + message(body), requestId);
            }
            boolean whole = !shape.stream() || body.contains(shape.terminal()) && !IN_BAND_ERROR.matcher(body).find();
            return new Outcome(shape.name(), whole ? Outcome.ANSWERED : "stream_interrupted_in_band", requestId);
        } catch (IOException e) {
            return new Outcome(shape.name(), "connection_broken", requestId);
        }
    }

    private static Shape shape(Random random, long sequence) {
        boolean stream = random.nextBoolean();
        String text = "soak " + sequence; // a new conversation each time: spread over the accounts
        return switch (random.nextInt(4)) {
            case 0 -> new Shape("anthropic_messages" + suffix(stream), Platform.ANTHROPIC, stream, "/v1/messages",
                    "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"stream\":" + stream
                            + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}", "message_stop");
            case 1 -> new Shape("openai_chat" + suffix(stream), Platform.OPENAI, stream, "/v1/chat/completions",
                    "{\"model\":\"gpt-5\",\"stream\":" + stream
                            + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}", "[DONE]");
            case 2 -> new Shape("openai_responses" + suffix(stream), Platform.OPENAI, stream, "/v1/responses",
                    "{\"model\":\"gpt-5\",\"stream\":" + stream + ",\"input\":\"" + text + "\"}", "response.completed");
            default -> new Shape("gemini" + suffix(stream), Platform.GEMINI, stream,
                    "/v1beta/models/gemini-2.5-pro:" + (stream ? "streamGenerateContent?alt=sse" : "generateContent"),
                    "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"" + text + "\"}]}]}", "finishReason");
        };
    }

    /** The error envelope's message: the three protocols all carry one, and it names the relay's error. */
    private static String message(String body) {
        Matcher matcher = MESSAGE.matcher(body);
        return matcher.find() ? matcher.group(1) : "(no message)";
    }

    private static String suffix(boolean stream) {
        return stream ? "_stream" : "_json";
    }

    void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
