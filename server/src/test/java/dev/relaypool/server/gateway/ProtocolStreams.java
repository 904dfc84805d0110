package dev.relaypool.server.gateway;

import dev.relaypool.model.Platform;
import dev.relaypool.server.usage.TokenUsage;
import java.util.List;

/** One realistic streamed answer per protocol, as raw wire text, with the usage it reports in disjoint buckets. */
record ProtocolStreams(String name, Platform platform, String key, String path, String requestBody,
                       List<String> events, TokenUsage usage, String terminalMarker, String errorMarker) {

    String wire() {
        return String.join("", events);
    }

    @Override
    public String toString() {
        return name;
    }

    static List<ProtocolStreams> all() {
        return List.of(anthropic(), openAiChat(), openAiResponses(), gemini());
    }

    static ProtocolStreams anthropic() {
        return new ProtocolStreams("anthropic", Platform.ANTHROPIC, TestGateway.ANTHROPIC_KEY, "/v1/messages?beta=true",
                "{\"model\":\"claude-sonnet-4-5-20250929\",\"max_tokens\":64,\"stream\":true,"
                        + "\"metadata\":{\"user_id\":\"user_abc_session_123\"},\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}",
                List.of(
                        "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_01\",\"type\":\"message\","
                                + "\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5-20250929\",\"content\":[],\"stop_reason\":null,"
                                + "\"usage\":{\"input_tokens\":25,\"cache_creation_input_tokens\":300,\"cache_read_input_tokens\":1000,"
                                + "\"cache_creation\":{\"ephemeral_5m_input_tokens\":100,\"ephemeral_1h_input_tokens\":200},"
                                + "\"output_tokens\":1}}}\n\n",
                        "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,"
                                + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n",
                        "event: ping\ndata: {\"type\": \"ping\"}\n\n",
                        "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
                                + "\"delta\":{\"type\":\"text_delta\",\"text\":\"H\u00e9llo \ud83c\udf0d\"}}\n\n",
                        ": keep-alive comment\n\n",
                        "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n",
                        "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
                                + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":42}}\n\n",
                        "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"),
                new TokenUsage(25, 42, 100, 200, 1000), "message_stop", "event: error");
    }

    static ProtocolStreams openAiChat() {
        String chunk = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-5\",";
        return new ProtocolStreams("openai-chat", Platform.OPENAI, TestGateway.OPENAI_KEY, "/v1/chat/completions",
                "{\"model\":\"gpt-5\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}",
                List.of(
                        "data: " + chunk + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}],\"usage\":null}\n\n",
                        "data: " + chunk + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hello\"}}],\"usage\":null}\n\n",
                        "data: " + chunk + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],\"usage\":null}\n\n",
                        "data: " + chunk + "\"choices\":[],\"usage\":{\"prompt_tokens\":120,\"completion_tokens\":30,"
                                + "\"total_tokens\":150,\"prompt_tokens_details\":{\"cached_tokens\":100},"
                                + "\"completion_tokens_details\":{\"reasoning_tokens\":10}}}\n\n",
                        "data: [DONE]\n\n"),
                new TokenUsage(20, 30, 0, 0, 100), "[DONE]", "\"error\":{");
    }

    static ProtocolStreams openAiResponses() {
        return new ProtocolStreams("openai-responses", Platform.OPENAI, TestGateway.OPENAI_KEY, "/v1/responses",
                "{\"model\":\"gpt-5-codex\",\"stream\":true,\"prompt_cache_key\":\"conv-42\",\"input\":\"Hi\"}",
                List.of(
                        "event: response.created\ndata: {\"type\":\"response.created\",\"sequence_number\":0,"
                                + "\"response\":{\"id\":\"resp_1\",\"object\":\"response\",\"status\":\"in_progress\"}}\n\n",
                        "event: response.output_text.delta\ndata: {\"type\":\"response.output_text.delta\","
                                + "\"sequence_number\":1,\"delta\":\"Hello\"}\n\n",
                        "event: response.completed\ndata: {\"type\":\"response.completed\",\"sequence_number\":2,"
                                + "\"response\":{\"id\":\"resp_1\",\"object\":\"response\",\"status\":\"completed\","
                                + "\"usage\":{\"input_tokens\":500,\"input_tokens_details\":{\"cached_tokens\":400},"
                                + "\"output_tokens\":50,\"output_tokens_details\":{\"reasoning_tokens\":20},\"total_tokens\":550}}}\n\n"),
                new TokenUsage(100, 50, 0, 0, 400), "response.completed", "event: response.failed");
    }

    static ProtocolStreams gemini() {
        return new ProtocolStreams("gemini", Platform.GEMINI, TestGateway.GEMINI_KEY,
                "/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse",
                "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Hi\"}]}]}",
                List.of(
                        "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hel\"}],\"role\":\"model\"},\"index\":0}],"
                                + "\"usageMetadata\":{\"promptTokenCount\":80,\"candidatesTokenCount\":1,\"totalTokenCount\":81},"
                                + "\"modelVersion\":\"gemini-2.5-pro\"}\r\n\r\n",
                        "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"lo\"}],\"role\":\"model\"},"
                                + "\"finishReason\":\"STOP\",\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":80,"
                                + "\"candidatesTokenCount\":5,\"cachedContentTokenCount\":30,\"thoughtsTokenCount\":7,"
                                + "\"totalTokenCount\":92},\"modelVersion\":\"gemini-2.5-pro\"}\r\n\r\n"),
                new TokenUsage(50, 12, 0, 0, 30), "finishReason", "\"status\":\"UNAVAILABLE\"");
    }
}
