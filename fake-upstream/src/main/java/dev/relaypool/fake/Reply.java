package dev.relaypool.fake;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/** What a successful request is answered with, before any fault is applied. */
sealed interface Reply {

    record Json(byte[] body) implements Reply {}

    record Stream(String contentType, Framing framing, List<Event> events) implements Reply {
        public Stream {
            events = List.copyOf(events);
        }
    }

    /** How events are put on the wire. */
    enum Framing {
        /** {@code event: name\ndata: json\n\n} (Anthropic, OpenAI Responses). */
        SSE_NAMED,
        /** {@code data: json\n\n} (OpenAI chat completions, Gemini alt=sse). */
        SSE_DATA,
        /** A JSON array streamed element by element (Gemini streamGenerateContent without alt=sse). */
        JSON_ARRAY
    }

    /** One stream event; {@code kind} tells the player where slow-first-token and no-terminal faults apply. */
    record Event(String name, byte[] data, Kind kind) {
        public Event {
            Objects.requireNonNull(data, "data");
            Objects.requireNonNull(kind, "kind");
        }

        static Event of(String name, Object node, Kind kind) {
            return new Event(name, dev.relaypool.fake.Json.bytes(node), kind);
        }

        static Event raw(String data, Kind kind) {
            return new Event(null, data.getBytes(StandardCharsets.UTF_8), kind);
        }
    }

    enum Kind {
        /** Before the first text delta (message_start, response.created, ...). */
        PREAMBLE,
        /** Carries generated text. */
        DELTA,
        /** After the text, before the end (content_block_stop, message_delta, usage chunk, ...). */
        TAIL,
        /** The protocol's end marker (message_stop, [DONE], response.completed, the finishReason chunk). */
        TERMINAL
    }
}
