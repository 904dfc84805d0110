package dev.relaypool.fake;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.relaypool.fake.Reply.Event;
import dev.relaypool.fake.Reply.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The Gemini API (v1beta): generateContent, streamGenerateContent, countTokens, models, google.rpc errors. */
final class GeminiWire implements ErrorEnvelope {
    static final String DEFAULT_MODEL = "gemini-2.5-flash";
    private static final String[][] MODELS = {
        {"gemini-2.5-pro", "Gemini 2.5 Pro"},
        {"gemini-2.5-flash", "Gemini 2.5 Flash"},
        {"gemini-2.5-flash-lite", "Gemini 2.5 Flash-Lite"},
    };

    static Reply generate(Call c) {
        return new Reply.Json(Json.bytes(chunk(c, c.text(), true, usage(c.usage(), c.usage().outputTokens(), true))));
    }

    /** {@code sse}: alt=sse gives {@code data:} events; without it the real API streams one JSON array. */
    static Reply streamGenerate(Call c, boolean sse) {
        List<Event> events = new ArrayList<>(c.deltas().size() + 1);
        for (int i = 0; i < c.deltas().size(); i++) {
            ObjectNode usage = usage(c.usage(), c.outputTokensAfter(i + 1), false);
            events.add(Event.of(null, chunk(c, c.deltas().get(i), false, usage), Kind.DELTA));
        }
        events.add(Event.of(null, chunk(c, "", true, usage(c.usage(), c.usage().outputTokens(), true)), Kind.TERMINAL));
        return sse
                ? new Reply.Stream("text/event-stream", Reply.Framing.SSE_DATA, events)
                : new Reply.Stream("application/json; charset=UTF-8", Reply.Framing.JSON_ARRAY, events);
    }

    private static ObjectNode chunk(Call c, String text, boolean finished, ObjectNode usage) {
        ObjectNode body = Json.object();
        ObjectNode candidate = body.putArray("candidates").addObject();
        candidate.putObject("content").put("role", "model").putArray("parts").addObject().put("text", text);
        if (finished) {
            candidate.put("finishReason", "STOP");
        }
        candidate.put("index", 0);
        body.set("usageMetadata", usage);
        return body.put("modelVersion", c.model()).put("responseId", c.id());
    }

    /**
     * candidatesTokenCount excludes thinking; promptTokenCount includes cached content. Zero counts are left out,
     * as proto3 JSON does, so a usage reader must treat a missing field as 0.
     */
    private static ObjectNode usage(Usage u, long outputSoFar, boolean last) {
        long thoughts = last ? u.reasoningTokens() : 0;
        long candidates = Math.max(0, outputSoFar - (last ? thoughts : 0));
        ObjectNode usage = Json.object().put("promptTokenCount", u.promptTokens());
        if (candidates > 0) {
            usage.put("candidatesTokenCount", candidates);
        }
        usage.put("totalTokenCount", u.promptTokens() + candidates + thoughts);
        if (u.cacheReadTokens() > 0) {
            usage.put("cachedContentTokenCount", u.cacheReadTokens());
        }
        if (thoughts > 0) {
            usage.put("thoughtsTokenCount", thoughts);
        }
        usage.putArray("promptTokensDetails").addObject().put("modality", "TEXT").put("tokenCount", u.promptTokens());
        return usage;
    }

    static Reply countTokens(Usage usage) {
        ObjectNode body = Json.object().put("totalTokens", usage.promptTokens());
        body.putArray("promptTokensDetails").addObject().put("modality", "TEXT").put("tokenCount", usage.promptTokens());
        return new Reply.Json(Json.bytes(body));
    }

    static Reply models() {
        ObjectNode body = Json.object();
        ArrayNode models = body.putArray("models");
        for (String[] m : MODELS) {
            models.add(modelNode(m[0], m[1]));
        }
        return new Reply.Json(Json.bytes(body));
    }

    static Reply model(String id) {
        for (String[] m : MODELS) {
            if (m[0].equals(id)) {
                return new Reply.Json(Json.bytes(modelNode(m[0], m[1])));
            }
        }
        return new Reply.Json(Json.bytes(modelNode(id, id)));
    }

    private static ObjectNode modelNode(String id, String displayName) {
        ObjectNode m = Json.object().put("name", "models/" + id).put("version", "001").put("displayName", displayName)
                .put("description", displayName + " (fake)").put("inputTokenLimit", 1_048_576).put("outputTokenLimit", 65_536);
        m.putArray("supportedGenerationMethods").add("generateContent").add("countTokens").add("createCachedContent");
        return m.put("temperature", 1).put("topP", 0.95).put("topK", 64).put("maxTemperature", 2).put("thinking", true);
    }

    @Override
    public Rendered render(ErrorKind kind, Duration retryAfter, Context ctx) {
        String model = ctx.model() == null ? DEFAULT_MODEL : ctx.model();
        ObjectNode body = Json.object();
        ObjectNode error = body.putObject("error");
        int status = switch (kind) {
            case RATE_LIMITED, QUOTA_EXHAUSTED -> 429;
            case OVERLOADED, UNAVAILABLE -> 503;
            // An API key the real API rejects gets 400 API_KEY_INVALID; only OAuth bearer tokens get 401.
            case UNAUTHORIZED -> ctx.bearer() ? 401 : 400;
            case FORBIDDEN -> 403;
            case CONTEXT_TOO_LONG, CONTENT_POLICY -> 400;
            case SERVER_ERROR -> 500;
            case BAD_GATEWAY -> 502;
        };
        error.put("code", status);
        switch (kind) {
            case RATE_LIMITED, QUOTA_EXHAUSTED -> {
                boolean daily = kind == ErrorKind.QUOTA_EXHAUSTED;
                error.put("message", "You exceeded your current quota, please check your plan and billing details.")
                        .put("status", "RESOURCE_EXHAUSTED");
                ArrayNode details = error.putArray("details");
                ObjectNode violation = details.addObject().put("@type", "type.googleapis.com/google.rpc.QuotaFailure")
                        .putArray("violations").addObject()
                        .put("quotaMetric", "generativelanguage.googleapis.com/generate_content_free_tier_requests")
                        .put("quotaId", daily ? "GenerateRequestsPerDayPerProjectPerModel-FreeTier"
                                : "GenerateRequestsPerMinutePerProjectPerModel-FreeTier");
                violation.putObject("quotaDimensions").put("location", "global").put("model", model);
                violation.put("quotaValue", daily ? "250" : "10");
                if (retryAfter.isPositive()) {
                    details.addObject().put("@type", "type.googleapis.com/google.rpc.RetryInfo")
                            .put("retryDelay", ErrorEnvelope.seconds(retryAfter) + "s");
                }
            }
            case OVERLOADED -> error.put("message", "The model is overloaded. Please try again later.").put("status", "UNAVAILABLE");
            case UNAVAILABLE -> error.put("message", "The service is currently unavailable.").put("status", "UNAVAILABLE");
            case UNAUTHORIZED -> {
                if (ctx.bearer()) {
                    error.put("message", "Request had invalid authentication credentials. Expected OAuth 2 access token, "
                            + "login cookie or other valid authentication credential.").put("status", "UNAUTHENTICATED");
                } else {
                    error.put("message", "API key not valid. Please pass a valid API key.").put("status", "INVALID_ARGUMENT");
                    error.putArray("details").addObject().put("@type", "type.googleapis.com/google.rpc.ErrorInfo")
                            .put("reason", "API_KEY_INVALID").put("domain", "googleapis.com");
                }
            }
            case FORBIDDEN -> error.put("message", "The caller does not have permission").put("status", "PERMISSION_DENIED");
            case CONTEXT_TOO_LONG -> error.put("message",
                    "The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).")
                    .put("status", "INVALID_ARGUMENT");
            case CONTENT_POLICY -> error.put("message", "The request was blocked by the safety settings (PROHIBITED_CONTENT).")
                    .put("status", "INVALID_ARGUMENT");
            case SERVER_ERROR, BAD_GATEWAY -> error.put("message", "An internal error has occurred. Please retry.")
                    .put("status", "INTERNAL");
        }
        return Rendered.of(status, body, Map.of());
    }
}
