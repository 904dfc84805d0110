package dev.relaypool.fake;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.relaypool.fake.Reply.Event;
import dev.relaypool.fake.Reply.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The Anthropic Messages API: messages (JSON and SSE), count_tokens, models, and its error envelope. */
final class AnthropicWire implements ErrorEnvelope {
    static final String DEFAULT_MODEL = "claude-sonnet-4-5-20250929";
    private static final String[][] MODELS = {
        {"claude-opus-4-1-20250805", "Claude Opus 4.1", "2025-08-05T00:00:00Z"},
        {"claude-sonnet-4-5-20250929", "Claude Sonnet 4.5", "2025-09-29T00:00:00Z"},
        {"claude-haiku-4-5-20251001", "Claude Haiku 4.5", "2025-10-01T00:00:00Z"},
        {"claude-sonnet-4-20250514", "Claude Sonnet 4", "2025-05-14T00:00:00Z"},
    };

    static Reply messages(Call c) {
        return c.stream() ? stream(c) : new Reply.Json(Json.bytes(message(c, c.text(), c.usage().outputTokens(), "end_turn")));
    }

    private static ObjectNode message(Call c, String text, long outputTokens, String stopReason) {
        ObjectNode m = Json.object().put("id", c.id()).put("type", "message").put("role", "assistant").put("model", c.model());
        ArrayNode content = m.putArray("content");
        if (text != null) {
            content.addObject().put("type", "text").put("text", text);
        }
        m.put("stop_reason", stopReason).putNull("stop_sequence");
        m.set("usage", usage(c.usage(), outputTokens));
        return m;
    }

    private static ObjectNode usage(Usage u, long outputTokens) {
        ObjectNode usage = Json.object()
                .put("input_tokens", u.inputTokens())
                .put("cache_creation_input_tokens", u.cacheWriteTokens())
                .put("cache_read_input_tokens", u.cacheReadTokens());
        usage.putObject("cache_creation")
                .put("ephemeral_5m_input_tokens", u.cacheWrite5mTokens())
                .put("ephemeral_1h_input_tokens", u.cacheWrite1hTokens());
        return usage.put("output_tokens", outputTokens).put("service_tier", "standard");
    }

    private static Reply stream(Call c) {
        List<Event> events = new ArrayList<>(c.deltas().size() + 7);
        // message_start reports the input buckets and a first output count, as the real API does.
        ObjectNode start = Json.object().put("type", "message_start");
        start.set("message", message(c, null, Math.min(1, c.usage().outputTokens()), null));
        events.add(Event.of("message_start", start, Kind.PREAMBLE));
        ObjectNode blockStart = Json.object().put("type", "content_block_start").put("index", 0);
        blockStart.putObject("content_block").put("type", "text").put("text", "");
        events.add(Event.of("content_block_start", blockStart, Kind.PREAMBLE));
        events.add(Event.of("ping", Json.object().put("type", "ping"), Kind.PREAMBLE));
        for (String delta : c.deltas()) {
            ObjectNode d = Json.object().put("type", "content_block_delta").put("index", 0);
            d.putObject("delta").put("type", "text_delta").put("text", delta);
            events.add(Event.of("content_block_delta", d, Kind.DELTA));
        }
        events.add(Event.of("content_block_stop", Json.object().put("type", "content_block_stop").put("index", 0), Kind.TAIL));
        ObjectNode messageDelta = Json.object().put("type", "message_delta");
        messageDelta.putObject("delta").put("stop_reason", "end_turn").putNull("stop_sequence");
        messageDelta.putObject("usage").put("output_tokens", c.usage().outputTokens());
        events.add(Event.of("message_delta", messageDelta, Kind.TAIL));
        events.add(Event.of("message_stop", Json.object().put("type", "message_stop"), Kind.TERMINAL));
        return new Reply.Stream("text/event-stream; charset=utf-8", Reply.Framing.SSE_NAMED, events);
    }

    static Reply countTokens(Usage usage) {
        return new Reply.Json(Json.bytes(Json.object().put("input_tokens", usage.promptTokens())));
    }

    static Reply models() {
        ObjectNode list = Json.object();
        ArrayNode data = list.putArray("data");
        for (String[] m : MODELS) {
            data.add(modelNode(m));
        }
        return new Reply.Json(Json.bytes(list.put("has_more", false).put("first_id", MODELS[0][0])
                .put("last_id", MODELS[MODELS.length - 1][0])));
    }

    /** One model; unknown ids are answered too, so any model a client asks about exists. */
    static Reply model(String id) {
        for (String[] m : MODELS) {
            if (m[0].equals(id)) {
                return new Reply.Json(Json.bytes(modelNode(m)));
            }
        }
        return new Reply.Json(Json.bytes(modelNode(new String[] {id, id, "2025-01-01T00:00:00Z"})));
    }

    private static ObjectNode modelNode(String[] m) {
        return Json.object().put("type", "model").put("id", m[0]).put("display_name", m[1]).put("created_at", m[2]);
    }

    @Override
    public Rendered render(ErrorKind kind, Duration retryAfter, Context ctx) {
        Map<String, String> headers = ErrorEnvelope.headers("request-id", ctx.requestId());
        long retrySeconds = ErrorEnvelope.seconds(retryAfter);
        Instant reset = ctx.now().plusSeconds(retrySeconds);
        if ((kind == ErrorKind.RATE_LIMITED || kind == ErrorKind.QUOTA_EXHAUSTED) && retrySeconds > 0) {
            headers.put("retry-after", Long.toString(retrySeconds));
            boolean weekly = kind == ErrorKind.QUOTA_EXHAUSTED;
            Instant fiveHourReset = weekly ? ctx.now().plus(Duration.ofHours(2)) : reset;
            Instant sevenDayReset = weekly ? reset : ctx.now().plus(Duration.ofDays(3));
            headers.put("anthropic-ratelimit-unified-status", "rejected");
            headers.put("anthropic-ratelimit-unified-reset", Long.toString(reset.getEpochSecond()));
            headers.put("anthropic-ratelimit-unified-representative-claim", weekly ? "seven_day" : "five_hour");
            headers.put("anthropic-ratelimit-unified-5h-status", weekly ? "allowed" : "rejected");
            headers.put("anthropic-ratelimit-unified-5h-reset", Long.toString(fiveHourReset.getEpochSecond()));
            headers.put("anthropic-ratelimit-unified-5h-utilization", weekly ? "0.2" : "1.0");
            headers.put("anthropic-ratelimit-unified-7d-status", weekly ? "rejected" : "allowed");
            headers.put("anthropic-ratelimit-unified-7d-reset", Long.toString(sevenDayReset.getEpochSecond()));
            headers.put("anthropic-ratelimit-unified-7d-utilization", weekly ? "1.0" : "0.42");
            headers.put("anthropic-ratelimit-requests-limit", "50");
            headers.put("anthropic-ratelimit-requests-remaining", "0");
            headers.put("anthropic-ratelimit-requests-reset", reset.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        }
        String[] typeAndMessage = switch (kind) {
            case RATE_LIMITED -> new String[] {"rate_limit_error",
                "This request would exceed the rate limit for your organization. Please try again later."};
            case QUOTA_EXHAUSTED -> new String[] {"rate_limit_error", "You have reached your weekly usage limit."};
            case OVERLOADED -> new String[] {"overloaded_error", "Overloaded"};
            case UNAUTHORIZED -> new String[] {"authentication_error", "invalid x-api-key"};
            case FORBIDDEN -> new String[] {"permission_error",
                "Your API key does not have permission to use the specified resource."};
            case CONTEXT_TOO_LONG -> new String[] {"invalid_request_error", "prompt is too long: 210000 tokens > 200000 maximum"};
            case CONTENT_POLICY -> new String[] {"invalid_request_error", "Output blocked by content filtering policy"};
            case SERVER_ERROR, BAD_GATEWAY, UNAVAILABLE -> new String[] {"api_error", "Internal server error"};
        };
        ObjectNode body = Json.object().put("type", "error");
        body.putObject("error").put("type", typeAndMessage[0]).put("message", typeAndMessage[1]);
        body.put("request_id", ctx.requestId());
        return Rendered.of(status(kind), body, headers);
    }

    private static int status(ErrorKind kind) {
        return switch (kind) {
            case RATE_LIMITED, QUOTA_EXHAUSTED -> 429;
            case OVERLOADED -> 529;
            case UNAUTHORIZED -> 401;
            case FORBIDDEN -> 403;
            case CONTEXT_TOO_LONG, CONTENT_POLICY -> 400;
            case SERVER_ERROR -> 500;
            case BAD_GATEWAY -> 502;
            case UNAVAILABLE -> 503;
        };
    }
}
