package dev.relaypool.server.gateway.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** An event's name and data as the SSE format defines them, read from the bytes as received. */
class SseEventTest {

    @ParameterizedTest
    @ValueSource(strings = {"\n", "\r\n", "\r"})
    void readsTheNameAndJoinsDataLinesWhateverTheLineEnding(String eol) {
        SseEvent event = event(": a comment" + eol + "event: content_block_delta" + eol + "data: {\"a\":" + eol
                + "data:1}" + eol + "id: 7" + eol + eol);

        assertThat(event.name()).isEqualTo("content_block_delta");
        assertThat(event.data()).isEqualTo("{\"a\":\n1}");
    }

    @Test
    void keepsSpacesBeyondTheFirstAndDecodesUtf8() {
        SseEvent event = event("data:   caf\u00e9 \u2014 \ud83d\ude00\n\n");

        assertThat(event.name()).isEmpty();
        assertThat(event.data()).isEqualTo("  caf\u00e9 \u2014 \ud83d\ude00");
    }

    @Test
    void anEventWithoutFieldsHasNeitherAndEmptyDataLinesCount() {
        assertThat(event(": keep-alive\n\n").data()).isEmpty();
        assertThat(event(": keep-alive\n\n").name()).isEmpty();
        assertThat(event("data:\ndata:\n\n").data()).isEqualTo("\n");
        assertThat(event("event:ping\ndata: {}").data()).isEqualTo("{}"); // no final line ending
        assertThat(event("events: x\ndatum: y\n\n").name()).isEmpty();
    }

    private static SseEvent event(String text) {
        return new SseEvent(text.getBytes(StandardCharsets.UTF_8));
    }
}
