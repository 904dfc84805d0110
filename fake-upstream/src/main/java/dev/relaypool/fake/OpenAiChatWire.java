package dev.relaypool.fake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.relaypool.fake.Reply.Event;
import dev.relaypool.fake.Reply.Kind;
import java.util.ArrayList;
import java.util.List;

/** OpenAI Chat Completions: one JSON completion, or {@code data:} chunks ending with {@code data: [DONE]}. */
final class OpenAiChatWire {
    private static final String FINGERPRINT = "fp_fake0001";

    private OpenAiChatWire() {}

    static Reply completions(Call c) {
        return c.stream() ? stream(c) : new Reply.Json(Json.bytes(completion(c)));
    }

    private static ObjectNode completion(Call c) {
        ObjectNode body = head(c, "chat.completion");
        ObjectNode choice = body.putArray("choices").addObject().put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", c.text()).putNull("refusal").putArray("annotations");
        choice.putNull("logprobs").put("finish_reason", "stop");
        body.set("usage", usage(c.usage()));
        return body.put("service_tier", "default").put("system_fingerprint", FINGERPRINT);
    }

    private static ObjectNode head(Call c, String object) {
        return Json.object().put("id", c.id()).put("object", object).put("created", c.now().getEpochSecond()).put("model", c.model());
    }

    static ObjectNode usage(Usage u) {
        ObjectNode usage = Json.object()
                .put("prompt_tokens", u.promptTokens())
                .put("completion_tokens", u.outputTokens())
                .put("total_tokens", u.totalTokens());
        usage.putObject("prompt_tokens_details").put("cached_tokens", u.cacheReadTokens()).put("audio_tokens", 0);
        usage.putObject("completion_tokens_details").put("reasoning_tokens", u.reasoningTokens()).put("audio_tokens", 0)
                .put("accepted_prediction_tokens", 0).put("rejected_prediction_tokens", 0);
        return usage;
    }

    private static Reply stream(Call c) {
        List<Event> events = new ArrayList<>(c.deltas().size() + 4);
        ObjectNode first = chunk(c);
        first.withArrayProperty("choices").addObject().put("index", 0).putNull("logprobs").putNull("finish_reason")
                .putObject("delta").put("role", "assistant").put("content", "").putNull("refusal");
        events.add(Event.of(null, first, Kind.PREAMBLE));
        for (String delta : c.deltas()) {
            ObjectNode chunk = chunk(c);
            chunk.withArrayProperty("choices").addObject().put("index", 0).putNull("logprobs").putNull("finish_reason")
                    .putObject("delta").put("content", delta);
            events.add(Event.of(null, chunk, Kind.DELTA));
        }
        ObjectNode last = chunk(c);
        last.withArrayProperty("choices").addObject().put("index", 0).putNull("logprobs").put("finish_reason", "stop").putObject("delta");
        events.add(Event.of(null, last, Kind.TAIL));
        if (c.includeUsage()) {
            // With include_usage the real API sends usage:null on every chunk, then one chunk with no choices.
            ObjectNode usageChunk = chunk(c);
            usageChunk.set("usage", usage(c.usage()));
            events.add(Event.of(null, usageChunk, Kind.TAIL));
        }
        events.add(Event.raw("[DONE]", Kind.TERMINAL));
        return new Reply.Stream("text/event-stream; charset=utf-8", Reply.Framing.SSE_DATA, events);
    }

    private static ObjectNode chunk(Call c) {
        ObjectNode chunk = head(c, "chat.completion.chunk").put("service_tier", "default").put("system_fingerprint", FINGERPRINT);
        chunk.putArray("choices");
        if (c.includeUsage()) {
            chunk.putNull("usage");
        }
        return chunk;
    }
}
