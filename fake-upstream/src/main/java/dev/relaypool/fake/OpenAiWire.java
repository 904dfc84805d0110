package dev.relaypool.fake;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Map;

/** What the OpenAI endpoints share: the models list and the {@code {"error":{...}}} envelope with its headers. */
final class OpenAiWire implements ErrorEnvelope {
    static final String DEFAULT_MODEL = "gpt-5";
    private static final String[] MODELS = {"gpt-5", "gpt-5-codex", "gpt-5-mini", "gpt-4.1", "gpt-4o-mini"};
    private static final long CREATED = 1_754_000_000L;

    private final String contextParam;

    /** {@code contextParam}: the request field a context-length error blames ("messages" or "input"). */
    OpenAiWire(String contextParam) {
        this.contextParam = contextParam;
    }

    static Reply models() {
        ObjectNode list = Json.object().put("object", "list");
        ArrayNode data = list.putArray("data");
        for (String id : MODELS) {
            data.add(modelNode(id));
        }
        return new Reply.Json(Json.bytes(list));
    }

    static Reply model(String id) {
        return new Reply.Json(Json.bytes(modelNode(id)));
    }

    private static ObjectNode modelNode(String id) {
        return Json.object().put("id", id).put("object", "model").put("created", CREATED).put("owned_by", "openai");
    }

    /** Go-style durations ("1s", "6m0s", "20ms") as in x-ratelimit-reset-*. */
    static String goDuration(Duration d) {
        if (d.compareTo(Duration.ofSeconds(1)) < 0) {
            return d.toMillis() + "ms";
        }
        long minutes = d.toMinutes();
        long seconds = d.toSecondsPart();
        return minutes > 0 ? minutes + "m" + seconds + "s" : seconds + "s";
    }

    @Override
    public Rendered render(ErrorKind kind, Duration retryAfter, Context ctx) {
        Map<String, String> headers = ErrorEnvelope.headers("x-request-id", ctx.requestId());
        if (kind == ErrorKind.RATE_LIMITED || kind == ErrorKind.QUOTA_EXHAUSTED) {
            headers.put("x-ratelimit-limit-requests", "500");
            headers.put("x-ratelimit-remaining-requests", "0");
            headers.put("x-ratelimit-limit-tokens", "200000");
            headers.put("x-ratelimit-remaining-tokens", "0");
            if (retryAfter.isPositive()) { // zero: a 429 without any retry hint
                headers.put("retry-after", Long.toString(ErrorEnvelope.seconds(retryAfter)));
                headers.put("x-ratelimit-reset-requests", goDuration(retryAfter));
                headers.put("x-ratelimit-reset-tokens", goDuration(retryAfter));
            }
        }
        String model = ctx.model() == null ? DEFAULT_MODEL : ctx.model();
        ObjectNode error = Json.object();
        ObjectNode e = error.putObject("error");
        switch (kind) {
            case RATE_LIMITED -> e.put("message", "Rate limit reached for " + model
                            + " in organization org-fake on requests per min (RPM): Limit 500, Used 500, Requested 1. "
                            + "Please try again in " + goDuration(retryAfter) + ".")
                    .put("type", "requests").putNull("param").put("code", "rate_limit_exceeded");
            case QUOTA_EXHAUSTED -> e.put("message", "You exceeded your current quota, please check your plan and billing details.")
                    .put("type", "insufficient_quota").putNull("param").put("code", "insufficient_quota");
            case OVERLOADED, UNAVAILABLE -> e.put("message", "The server is overloaded or not ready yet.")
                    .put("type", "server_error").putNull("param").putNull("code");
            case UNAUTHORIZED -> e.put("message", "Incorrect API key provided. You can find your API key at "
                            + "https://platform.openai.com/account/api-keys.")
                    .put("type", "invalid_request_error").putNull("param").put("code", "invalid_api_key");
            case FORBIDDEN -> e.put("message", "You are not allowed to sample from this model")
                    .put("type", "invalid_request_error").putNull("param").putNull("code");
            case CONTEXT_TOO_LONG -> e.put("message", "This model's maximum context length is 128000 tokens. However, "
                            + "your messages resulted in 130000 tokens. Please reduce the length of the messages.")
                    .put("type", "invalid_request_error").put("param", contextParam).put("code", "context_length_exceeded");
            case CONTENT_POLICY -> e.put("message", "Your request was rejected as a result of our safety system.")
                    .put("type", "invalid_request_error").putNull("param").put("code", "content_policy_violation");
            case SERVER_ERROR, BAD_GATEWAY -> e.put("message", "The server had an error while processing your request. Sorry about that!")
                    .put("type", "server_error").putNull("param").putNull("code");
        }
        return Rendered.of(status(kind), error, headers);
    }

    private static int status(ErrorKind kind) {
        return switch (kind) {
            case RATE_LIMITED, QUOTA_EXHAUSTED -> 429;
            case OVERLOADED, UNAVAILABLE -> 503;
            case UNAUTHORIZED -> 401;
            case FORBIDDEN -> 403;
            case CONTEXT_TOO_LONG, CONTENT_POLICY -> 400;
            case SERVER_ERROR -> 500;
            case BAD_GATEWAY -> 502;
        };
    }
}
