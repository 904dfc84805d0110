package dev.relaypool.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.model.Platform;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Session keys from what Claude Code, Codex and Gemini CLI really send, and the conversation-start fallback. */
class SessionKeysTest {
    private static final String UUID = "7d3c8f0e-59a1-4c2b-9e7d-2f4a6b8c0d1e";

    /** Derives the key both ways, by its own parse and within the envelope's one parse, which must agree. */
    private static Optional<String> derive(Platform platform, Map<String, String> headers, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Optional<String> alone = SessionKeys.derive(platform, headers::get, bytes);
        SessionKeys.Material material = new SessionKeys.Material(platform);
        // a path model, so that bodies without one still count as envelopes here
        if (EnvelopeReader.read(bytes, Optional.of("m"), false, material) instanceof EnvelopeReader.Result.Read) {
            assertThat(SessionKeys.derive(headers::get, material)).as("within the envelope's parse").isEqualTo(alone);
        }
        return alone;
    }

    @Test
    void claudeCodeHeaderAndUserIdSessionPartGiveTheSameKey() {
        String legacyUserId = "user_" + "a".repeat(64) + "_account_1b2c3d4e-0000-4000-8000-000000000000_session_" + UUID;
        String body = "{\"model\":\"claude-sonnet-4-5\",\"metadata\":{\"user_id\":\"" + legacyUserId + "\"},\"messages\":[]}";
        assertThat(derive(Platform.ANTHROPIC, Map.of(), body)).contains("claude:" + UUID);
        assertThat(derive(Platform.ANTHROPIC, Map.of("x-claude-code-session-id", UUID), "{\"messages\":[]}"))
                .contains("claude:" + UUID);
    }

    @Test
    void claudeCodeJsonUserIdGivesItsSessionId() {
        String userId = "{\\\"device_id\\\":\\\"abc\\\",\\\"account_uuid\\\":\\\"\\\",\\\"session_id\\\":\\\"" + UUID + "\\\"}";
        String body = "{\"metadata\":{\"user_id\":\"" + userId + "\"},\"messages\":[]}";
        assertThat(derive(Platform.ANTHROPIC, Map.of(), body)).contains("claude:" + UUID);
    }

    @Test
    void codexHeadersAndPromptCacheKeyGiveTheSameKeyAndTurnMetadataIsIgnored() {
        assertThat(derive(Platform.OPENAI, Map.of("session-id", UUID, "x-codex-turn-metadata", "{\"turn\":3}"), "{}"))
                .contains("codex:" + UUID);
        assertThat(derive(Platform.OPENAI, Map.of("session_id", UUID), "{}")).contains("codex:" + UUID);
        assertThat(derive(Platform.OPENAI, Map.of("conversation_id", UUID), "{}")).contains("codex:" + UUID);
        assertThat(derive(Platform.OPENAI, Map.of(), "{\"prompt_cache_key\":\"" + UUID + "\"}")).contains("codex:" + UUID);
        assertThat(derive(Platform.OPENAI, Map.of(), "{\"previous_response_id\":\"resp_1\"}")).contains("response:resp_1");
    }

    @Test
    void geminiCliSessionIdInsideTheWrappedRequest() {
        String body = "{\"model\":\"gemini-2.5-pro\",\"project\":\"p\",\"user_prompt_id\":\"turn-9\",\"request\":"
                + "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}],\"session_id\":\"" + UUID + "\"}}";
        assertThat(derive(Platform.GEMINI, Map.of(), body)).contains("gemini:" + UUID);
    }

    @Test
    void withoutIdsTheConversationStartIsHashedAndStaysTheSameAcrossTurns() {
        String turn1 = "{\"model\":\"claude-sonnet-4-5\",\"system\":[{\"type\":\"text\",\"text\":\"You are terse.\","
                + "\"cache_control\":{\"type\":\"ephemeral\"}}],\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":"
                + "\"text\",\"text\":\"Fix the bug\",\"cache_control\":{\"type\":\"ephemeral\"}}]}]}";
        String turn2 = "{\"model\":\"claude-sonnet-4-5\",\"system\":[{\"type\":\"text\",\"text\":\"You are terse.\","
                + "\"cache_control\":{\"type\":\"ephemeral\"}}],\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":"
                + "\"text\",\"text\":\"Fix the bug\"}]},{\"role\":\"assistant\",\"content\":\"Done.\"},{\"role\":\"user\","
                + "\"content\":[{\"type\":\"text\",\"text\":\"Thanks\",\"cache_control\":{\"type\":\"ephemeral\"}}]}]}";
        Optional<String> first = derive(Platform.ANTHROPIC, Map.of(), turn1);
        assertThat(first).isPresent().get().asString().startsWith("conversation:");
        assertThat(derive(Platform.ANTHROPIC, Map.of(), turn2)).isEqualTo(first);

        String otherConversation = turn1.replace("Fix the bug", "Write a test");
        assertThat(derive(Platform.ANTHROPIC, Map.of(), otherConversation)).isPresent().isNotEqualTo(first);
        String otherSystem = turn1.replace("You are terse.", "You are chatty.");
        assertThat(derive(Platform.ANTHROPIC, Map.of(), otherSystem)).isPresent().isNotEqualTo(first);
    }

    @Test
    void openAiChatHashesTheSystemMessageAndTheFirstUserMessage() {
        String turn1 = "{\"model\":\"gpt-5\",\"messages\":[{\"role\":\"system\",\"content\":\"S\"},{\"role\":\"user\",\"content\":\"Q1\"}]}";
        String turn2 = "{\"model\":\"gpt-5\",\"messages\":[{\"role\":\"system\",\"content\":\"S\"},{\"role\":\"user\",\"content\":\"Q1\"},"
                + "{\"role\":\"assistant\",\"content\":\"A1\"},{\"role\":\"user\",\"content\":\"Q2\"}],\"stream\":true}";
        assertThat(derive(Platform.OPENAI, Map.of(), turn1)).isPresent().isEqualTo(derive(Platform.OPENAI, Map.of(), turn2));
        String responses = "{\"model\":\"gpt-5\",\"instructions\":\"S\",\"input\":\"Q1\"}";
        assertThat(derive(Platform.OPENAI, Map.of(), responses)).isPresent();
    }

    @Test
    void geminiContentsWithoutRolesAreHashed() {
        String turn1 = "{\"systemInstruction\":{\"parts\":[{\"text\":\"S\"}]},\"contents\":[{\"parts\":[{\"text\":\"Q1\"}]}]}";
        String turn2 = "{\"systemInstruction\":{\"parts\":[{\"text\":\"S\"}]},\"contents\":[{\"parts\":[{\"text\":\"Q1\"}]},"
                + "{\"role\":\"model\",\"parts\":[{\"text\":\"A1\"}]},{\"role\":\"user\",\"parts\":[{\"text\":\"Q2\"}]}]}";
        assertThat(derive(Platform.GEMINI, Map.of(), turn1)).isPresent().isEqualTo(derive(Platform.GEMINI, Map.of(), turn2));
    }

    @Test
    void noUserMessageAndBrokenBodiesGiveNoKey() {
        assertThat(derive(Platform.ANTHROPIC, Map.of(), "{\"system\":\"S\",\"messages\":[]}")).isEmpty();
        assertThat(derive(Platform.ANTHROPIC, Map.of(), "{\"messages\":[{\"role\":\"user\"")).isEmpty();
    }

    @Test
    void longOrOddIdsAreHashedToABoundedKey() {
        Optional<String> key = derive(Platform.OPENAI, Map.of("session-id", "x".repeat(500)), "{}");
        assertThat(key).isPresent().get().asString().startsWith("codex:h").hasSizeLessThan(50);
    }
}
