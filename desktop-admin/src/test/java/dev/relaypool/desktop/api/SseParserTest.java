package dev.relaypool.desktop.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseParserTest {
    private final List<ServerEvent> events = new ArrayList<>();
    private final SseParser parser = new SseParser("4", events::add);

    private void feed(String... lines) {
        for (String line : lines) {
            parser.line(line);
        }
    }

    @Test
    void joinsDataLinesAndKeepsTheLastIdForResuming() {
        feed(": ping", "id: 5", "event: request", "data: {\"a\":", "data: 1}", "", "data: plain", "");

        assertThat(events).containsExactly(new ServerEvent("5", "request", "{\"a\":\n1}"), new ServerEvent("5", "message", "plain"));
        assertThat(parser.lastId()).isEqualTo("5");
    }

    @Test
    void ignoresEventsWithoutDataAndReadsRetry() {
        feed("event: snapshot", "", "retry: 2500", "retry: soon");

        assertThat(events).isEmpty();
        assertThat(parser.lastId()).isEqualTo("4");
        assertThat(parser.retryMillis()).isEqualTo(2500);
    }
}
