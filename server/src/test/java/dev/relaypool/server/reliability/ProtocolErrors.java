package dev.relaypool.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.relaypool.model.Platform;
import java.io.IOException;

/** What a client of each protocol must be able to read from an error: the error body, or a stream's last event. */
final class ProtocolErrors {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ProtocolErrors() {}

    /** The body is the protocol's own error envelope, with a type (or status) and a message. */
    static JsonNode assertEnvelope(Platform platform, String body) throws IOException {
        JsonNode json = JSON.readTree(body);
        JsonNode error = json.path("error");
        assertThat(error.path("message").asText()).as("error message in " + body).isNotBlank();
        switch (platform) {
            case ANTHROPIC -> {
                assertThat(json.path("type").asText()).isEqualTo("error");
                assertThat(error.path("type").asText()).isNotBlank();
            }
            case OPENAI -> assertThat(error.path("type").asText()).isNotBlank();
            case GEMINI -> {
                assertThat(error.path("code").isInt()).isTrue();
                assertThat(error.path("status").asText()).isNotBlank();
            }
        }
        return error;
    }

    /** The stream's terminating event, which a broken stream must never carry. */
    static String terminator(Platform platform) {
        return switch (platform) {
            case ANTHROPIC -> "event: message_stop";
            case OPENAI -> "data: [DONE]";
            case GEMINI -> "\"finishReason\"";
        };
    }

    /** The stream ends with the protocol's in-band error event and without its terminating event. */
    static void assertEndsWithInBandError(Platform platform, String stream) throws IOException {
        assertThat(stream).as("no success terminator").doesNotContain(terminator(platform));
        String[] events = stream.strip().split("\r?\n\r?\n");
        String last = events[events.length - 1];
        if (platform == Platform.ANTHROPIC) {
            assertThat(last).startsWith("event: error\n");
        }
        String data = last.substring(last.indexOf("data: ") + "data: ".length()).strip();
        assertEnvelope(platform, data);
    }
}
