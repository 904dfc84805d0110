package dev.relaypool.server.gateway.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SseSplitterTest {
    @ParameterizedTest
    @ValueSource(strings = {"\n", "\r\n", "\r"})
    void cutsEventsAtBlankLinesWhateverTheChunking(String eol) {
        List<String> events = List.of(
                "event: a" + eol + "data: {\"x\":\"h\u00e9\"}" + eol + eol,
                ": comment" + eol + eol,
                "data: line one" + eol + "data: line two" + eol + eol,
                "data: [DONE]" + eol + eol);
        byte[] wire = String.join("", events).getBytes(StandardCharsets.UTF_8);
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            SseSplitter splitter = new SseSplitter(1024);
            List<String> out = new ArrayList<>();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (int at = 0; at < wire.length; ) {
                int size = Math.min(1 + random.nextInt(9), wire.length - at);
                for (byte[] event : splitter.feed(wire, at, size)) {
                    out.add(new String(event, StandardCharsets.UTF_8));
                    all.writeBytes(event);
                }
                at += size;
            }
            byte[] rest = splitter.drain();
            all.writeBytes(rest);
            assertThat(all.toByteArray()).isEqualTo(wire);
            if (eol.equals("\r")) {
                // a lone CR may be followed by LF, so the last event waits for the end of the stream
                assertThat(out).containsExactlyElementsOf(events.subList(0, 3));
                assertThat(new String(rest, StandardCharsets.UTF_8)).isEqualTo(events.get(3));
            } else {
                assertThat(out).containsExactlyElementsOf(events);
                assertThat(rest).isEmpty();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {16, 100})
    void passesAnOversizedEventOnInPiecesRatherThanHoldingIt(int max) {
        SseSplitter splitter = new SseSplitter(max);
        byte[] huge = ("data: " + "x".repeat(1000) + "\n\n").getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        splitter.feed(huge, 0, huge.length).forEach(piece -> {
            assertThat(piece.length).isLessThanOrEqualTo(max + 2);
            all.writeBytes(piece);
        });
        all.writeBytes(splitter.drain());
        assertThat(all.toByteArray()).isEqualTo(huge);
    }

    @ParameterizedTest
    @ValueSource(strings = {"event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"})
    void readsNameAndData(String raw) {
        SseEvent event = new SseEvent(raw.getBytes(StandardCharsets.UTF_8));
        assertThat(event.name()).isEqualTo("message_stop");
        assertThat(event.data()).isEqualTo("{\"type\":\"message_stop\"}");
        assertThat(event.contains("\"type\"")).isTrue();
        assertThat(event.contains("usage")).isFalse();
    }
}
