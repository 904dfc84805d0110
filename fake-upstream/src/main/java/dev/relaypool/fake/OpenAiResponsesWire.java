package dev.relaypool.fake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.relaypool.fake.Reply.Event;
import dev.relaypool.fake.Reply.Kind;
import java.util.ArrayList;
import java.util.List;

/** The OpenAI Responses API (Codex CLI): one response object, or typed events each with a sequence_number. */
final class OpenAiResponsesWire {

    private OpenAiResponsesWire() {}

    static Reply responses(Call c) {
        return c.stream() ? stream(c) : new Reply.Json(Json.bytes(response(c, true)));
    }

    private static String itemId(Call c) {
        return "msg_" + c.id().substring("resp_".length());
    }

    private static ObjectNode response(Call c, boolean completed) {
        ObjectNode r = Json.object().put("id", c.id()).put("object", "response").put("created_at", c.now().getEpochSecond())
                .put("status", completed ? "completed" : "in_progress");
        r.putNull("error").putNull("incomplete_details").putNull("instructions").putNull("max_output_tokens");
        r.put("model", c.model());
        var output = r.putArray("output");
        if (completed) {
            output.add(message(c, true));
        }
        r.put("parallel_tool_calls", true).putNull("previous_response_id");
        r.putObject("reasoning").putNull("effort").putNull("summary");
        r.put("service_tier", "default").put("store", false).put("temperature", 1.0);
        r.putObject("text").putObject("format").put("type", "text");
        r.put("tool_choice", "auto").putArray("tools");
        r.put("top_p", 1.0).put("truncation", "disabled");
        if (completed) {
            r.set("usage", usage(c.usage()));
        } else {
            r.putNull("usage");
        }
        r.putNull("user").putObject("metadata");
        return r;
    }

    private static ObjectNode message(Call c, boolean completed) {
        ObjectNode item = Json.object().put("id", itemId(c)).put("type", "message")
                .put("status", completed ? "completed" : "in_progress").put("role", "assistant");
        var content = item.putArray("content");
        if (completed) {
            content.add(textPart(c.text()));
        }
        return item;
    }

    private static ObjectNode textPart(String text) {
        ObjectNode part = Json.object().put("type", "output_text").put("text", text);
        part.putArray("annotations");
        return part;
    }

    static ObjectNode usage(Usage u) {
        ObjectNode usage = Json.object().put("input_tokens", u.promptTokens());
        usage.putObject("input_tokens_details").put("cached_tokens", u.cacheReadTokens());
        usage.put("output_tokens", u.outputTokens());
        usage.putObject("output_tokens_details").put("reasoning_tokens", u.reasoningTokens());
        return usage.put("total_tokens", u.totalTokens());
    }

    private static Reply stream(Call c) {
        Events events = new Events(c.deltas().size() + 8);
        events.add("response.created", Kind.PREAMBLE).set("response", response(c, false));
        events.add("response.in_progress", Kind.PREAMBLE).set("response", response(c, false));
        events.add("response.output_item.added", Kind.PREAMBLE).put("output_index", 0).set("item", message(c, false));
        events.add("response.content_part.added", Kind.PREAMBLE).put("item_id", itemId(c)).put("output_index", 0)
                .put("content_index", 0).set("part", textPart(""));
        for (String delta : c.deltas()) {
            events.add("response.output_text.delta", Kind.DELTA).put("item_id", itemId(c)).put("output_index", 0)
                    .put("content_index", 0).put("delta", delta).putArray("logprobs");
        }
        events.add("response.output_text.done", Kind.TAIL).put("item_id", itemId(c)).put("output_index", 0)
                .put("content_index", 0).put("text", c.text()).putArray("logprobs");
        events.add("response.content_part.done", Kind.TAIL).put("item_id", itemId(c)).put("output_index", 0)
                .put("content_index", 0).set("part", textPart(c.text()));
        events.add("response.output_item.done", Kind.TAIL).put("output_index", 0).set("item", message(c, true));
        events.add("response.completed", Kind.TERMINAL).set("response", response(c, true));
        return new Reply.Stream("text/event-stream; charset=utf-8", Reply.Framing.SSE_NAMED, events.build());
    }

    /** Collects typed events, numbering them in order. */
    private static final class Events {
        private final List<ObjectNode> nodes;
        private final List<Kind> kinds;

        Events(int capacity) {
            nodes = new ArrayList<>(capacity);
            kinds = new ArrayList<>(capacity);
        }

        ObjectNode add(String type, Kind kind) {
            ObjectNode node = Json.object().put("type", type).put("sequence_number", nodes.size());
            nodes.add(node);
            kinds.add(kind);
            return node;
        }

        List<Event> build() {
            List<Event> out = new ArrayList<>(nodes.size());
            for (int i = 0; i < nodes.size(); i++) {
                out.add(Event.of(nodes.get(i).get("type").asText(), nodes.get(i), kinds.get(i)));
            }
            return out;
        }
    }
}
