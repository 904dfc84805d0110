package dev.relaypool.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EnvelopeReaderTest {
    private static RequestEnvelope read(String body) {
        EnvelopeReader.Result result = EnvelopeReader.read(body.getBytes(StandardCharsets.UTF_8), Optional.empty(), false);
        assertThat(result).isInstanceOf(EnvelopeReader.Result.Read.class);
        return ((EnvelopeReader.Result.Read) result).envelope();
    }

    private static GatewayError invalid(String body) {
        EnvelopeReader.Result result = EnvelopeReader.read(body.getBytes(StandardCharsets.UTF_8), Optional.empty(), false);
        assertThat(result).isInstanceOf(EnvelopeReader.Result.Invalid.class);
        return ((EnvelopeReader.Result.Invalid) result).error();
    }

    @Test
    void readsModelAndStreamWithoutTouchingTheRest() {
        RequestEnvelope envelope = read("{\"messages\":[{\"content\":\"\u00e9\ud83c\udf0d model\"}],\"stream\":true,"
                + "\"metadata\":{\"user_id\":\"user_1_session_2\"},\"model\":\"claude-x\"}");
        assertThat(envelope.model()).isEqualTo("claude-x");
        assertThat(envelope.stream()).isTrue();
    }

    @Test
    void rewritesOnlyTheTopLevelModelValue() {
        String body = "{\"x\":\"\u00e9\ud83c\udf0d\", \"model\" : \"gpt-\\u0035\", \"nested\":{\"model\":\"gpt-5\"}}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        RequestEnvelope envelope = read(body);
        assertThat(envelope.model()).isEqualTo("gpt-5");
        assertThat(envelope.bodyFor(bytes, "gpt-5", false)).isSameAs(bytes);
        assertThat(new String(envelope.bodyFor(bytes, "o\"3", false), StandardCharsets.UTF_8))
                .isEqualTo("{\"x\":\"\u00e9\ud83c\udf0d\", \"model\" : \"o\\\"3\", \"nested\":{\"model\":\"gpt-5\"}}");
    }

    @Test
    void refusesBrokenOrAmbiguousBodies() {
        assertThat(invalid("{\"model\":\"m\"")).isEqualTo(GatewayError.MALFORMED_JSON);
        assertThat(invalid("{\"model\":\"m\"} {}")).isEqualTo(GatewayError.MALFORMED_JSON);
        assertThat(invalid("[]")).isEqualTo(GatewayError.MALFORMED_JSON);
        assertThat(invalid("")).isEqualTo(GatewayError.MALFORMED_JSON);
        assertThat(invalid("{\"model\":\"a\",\"model\":\"b\"}")).isEqualTo(GatewayError.MALFORMED_JSON);
        assertThat(invalid("{\"messages\":[]}")).isEqualTo(GatewayError.MISSING_MODEL);
        assertThat(invalid("{\"model\":null}")).isEqualTo(GatewayError.INVALID_MODEL);
        assertThat(invalid("{\"model\":\"a\\nb\"}")).isEqualTo(GatewayError.INVALID_MODEL);
    }

    @Test
    void takesGeminisModelAndStreamingFromThePath() {
        EnvelopeReader.Result result = EnvelopeReader.read("{\"contents\":[]}".getBytes(StandardCharsets.UTF_8),
                Optional.of("gemini-2.5-pro"), true);
        RequestEnvelope envelope = ((EnvelopeReader.Result.Read) result).envelope();
        assertThat(envelope.model()).isEqualTo("gemini-2.5-pro");
        assertThat(envelope.stream()).isTrue();
        assertThat(envelope.bodyFor(new byte[] {1}, "other", false)).containsExactly(1);
    }

    private static String withUsage(String body, String upstreamModel) {
        RequestEnvelope envelope = read(body);
        return new String(envelope.bodyFor(body.getBytes(StandardCharsets.UTF_8), upstreamModel, true),
                StandardCharsets.UTF_8);
    }

    @Test
    void asksForUsageRightAfterTheOpeningBraceAndKeepsEveryOtherByte() {
        String body = " \n{ \"model\" : \"gpt-5\",\"stream\":true,\"messages\":[{\"content\":\"\u00e9\ud83c\udf0d\"}]}";
        assertThat(withUsage(body, "gpt-5")).isEqualTo(" \n{\"stream_options\":{\"include_usage\":true}, \"model\" : "
                + "\"gpt-5\",\"stream\":true,\"messages\":[{\"content\":\"\u00e9\ud83c\udf0d\"}]}");
        assertThat(withUsage(body, "gpt-5.1")).isEqualTo(" \n{\"stream_options\":{\"include_usage\":true}, \"model\" : "
                + "\"gpt-5.1\",\"stream\":true,\"messages\":[{\"content\":\"\u00e9\ud83c\udf0d\"}]}");
    }

    @Test
    void turnsEveryOtherStreamOptionsIntoOneThatAsksForUsage() {
        String head = "{\"model\":\"m\",\"stream_options\":";
        String tail = ",\"stream\":true}";
        assertThat(withUsage(head + "{\"include_usage\":false}" + tail, "m"))
                .isEqualTo(head + "{\"include_usage\":true}" + tail);
        assertThat(withUsage(head + "{ \"include_usage\" : 0 , \"x\":1}" + tail, "m"))
                .isEqualTo(head + "{ \"include_usage\" : true , \"x\":1}" + tail);
        assertThat(withUsage(head + "{\"include_usage\":\"no\"}" + tail, "m"))
                .isEqualTo(head + "{\"include_usage\":true}" + tail);
        assertThat(withUsage(head + "{\"include_usage\":{\"a\":[1]}}" + tail, "m"))
                .isEqualTo(head + "{\"include_usage\":true}" + tail);
        assertThat(withUsage(head + "{\"include_obfuscation\":false}" + tail, "m"))
                .isEqualTo(head + "{\"include_usage\":true,\"include_obfuscation\":false}" + tail);
        assertThat(withUsage(head + "{ }" + tail, "m")).isEqualTo(head + "{\"include_usage\":true }" + tail);
        assertThat(withUsage(head + "null" + tail, "m")).isEqualTo(head + "{\"include_usage\":true}" + tail);
    }

    @Test
    void leavesABodyThatAsksForUsageAsSent() {
        String body = "{\"model\":\"m\",\"stream\":true,\"stream_options\":{\"include_usage\":false,\"include_usage\":true}}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        RequestEnvelope envelope = read(body);
        assertThat(envelope.usageOption()).isEmpty();
        assertThat(envelope.addsUsage(Endpoint.OPENAI_CHAT)).isFalse();
        assertThat(envelope.bodyFor(bytes, "m", true)).isSameAs(bytes);
    }

    @Test
    void asksForUsageOnlyForAStreamedChatCompletion() {
        RequestEnvelope streamed = read("{\"model\":\"m\",\"stream\":true}");
        assertThat(streamed.addsUsage(Endpoint.OPENAI_CHAT)).isTrue();
        assertThat(streamed.addsUsage(Endpoint.OPENAI_RESPONSES)).isFalse();
        assertThat(streamed.addsUsage(Endpoint.ANTHROPIC_MESSAGES)).isFalse();
        assertThat(read("{\"model\":\"m\"}").addsUsage(Endpoint.OPENAI_CHAT)).isFalse();
        assertThat(read("{\"model\":\"m\",\"stream\":false}").addsUsage(Endpoint.OPENAI_CHAT)).isFalse();
    }

    @Test
    void refusesInvalidUtf8EvenInContentThatIsOnlySkipped() {
        for (byte[] bad : new byte[][] {{(byte) 0xC3, 0x28}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xFF},
            {(byte) 0xF0, (byte) 0x9F, (byte) 0x98}}) {
            java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
            body.writeBytes("{\"model\":\"m\",\"messages\":[{\"content\":\"".getBytes(StandardCharsets.UTF_8));
            body.writeBytes(bad);
            body.writeBytes("\"}]}".getBytes(StandardCharsets.UTF_8));
            EnvelopeReader.Result result = EnvelopeReader.read(body.toByteArray(), Optional.empty(), false);
            assertThat(result).isEqualTo(new EnvelopeReader.Result.Invalid(GatewayError.MALFORMED_JSON));
        }
        assertThat(EnvelopeReader.validUtf8("h\u00e9 \ud83c\udf0d".repeat(5000).getBytes(StandardCharsets.UTF_8))).isTrue();
    }

    @Test
    void judgesUtf8ExactlyAsTheJdksStrictDecoder() {
        java.util.Random random = new java.util.Random(20261207);
        byte[][] edges = {{(byte) 0xC0, (byte) 0x80}, {(byte) 0xC1, (byte) 0xBF}, {(byte) 0xC2, (byte) 0x80},
            {(byte) 0xE0, (byte) 0x9F, (byte) 0xBF}, {(byte) 0xE0, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xED, (byte) 0x9F, (byte) 0xBF}, {(byte) 0xED, (byte) 0xBF, (byte) 0xBF},
            {(byte) 0xEF, (byte) 0xBF, (byte) 0xBF}, {(byte) 0xF0, (byte) 0x8F, (byte) 0xBF, (byte) 0xBF},
            {(byte) 0xF0, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xF4, (byte) 0x8F, (byte) 0xBF, (byte) 0xBF},
            {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80},
            {(byte) 0xE2, (byte) 0x82}, {(byte) 0x80}, {}};
        for (byte[] edge : edges) {
            assertThat(EnvelopeReader.validUtf8(edge)).as("%s", java.util.HexFormat.of().formatHex(edge))
                    .isEqualTo(jdkAccepts(edge));
        }
        for (int i = 0; i < 50_000; i++) {
            byte[] bytes = new byte[random.nextInt(12)];
            for (int j = 0; j < bytes.length; j++) { // mostly bytes that start or continue multi-byte sequences
                bytes[j] = (byte) (random.nextInt(4) == 0 ? random.nextInt(128) : 0x80 + random.nextInt(128));
            }
            assertThat(EnvelopeReader.validUtf8(bytes)).as("%s", java.util.HexFormat.of().formatHex(bytes))
                    .isEqualTo(jdkAccepts(bytes));
        }
        for (int cp = 0; cp <= 0x10FFFF; cp += 7) { // every encodable scalar value's neighbourhood, as Java writes it
            if (cp < 0xD800 || cp > 0xDFFF) {
                assertThat(EnvelopeReader.validUtf8(Character.toString(cp).getBytes(StandardCharsets.UTF_8))).isTrue();
            }
        }
    }

    private static boolean jdkAccepts(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }
}
