package dev.relaypool.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.Response;
import okio.BufferedSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Connection and stream faults as a client observes them, each bounded by a client timeout. */
class StreamFaultsTest {
    private static final String ANTHROPIC_STREAM = "{\"model\":\"m\",\"stream\":true}";
    private static FakeUpstream fake;
    private static Http http;

    @BeforeAll
    static void start() {
        fake = FakeUpstream.start(0);
        http = new Http(fake, Duration.ofSeconds(1));
    }

    @AfterAll
    static void stop() {
        http.close();
        fake.close();
    }

    @BeforeEach
    void reset() {
        fake.reset();
        fake.setHangLimit(Duration.ofSeconds(3));
    }

    @Test
    void neverAnsweredRequestTimesTheClientOut() {
        fake.enqueue(Behaviour.neverAnswer());
        assertThatThrownBy(() -> http.post("/v1/messages", "{}", "x-api-key", "k")).isInstanceOf(InterruptedIOException.class);
        assertThat(fake.inFlight()).isEqualTo(1);
    }

    @Test
    void droppedConnectionFailsBeforeAnyStatus() {
        fake.enqueue(Behaviour.dropBeforeHeaders());
        assertThatThrownBy(() -> http.post("/v1/chat/completions", "{}")).isInstanceOf(IOException.class);
    }

    @Test
    void resetConnectionFailsBeforeAnyStatusWithATcpReset() throws Exception {
        fake.enqueue(Behaviour.resetBeforeHeaders());
        // a raw socket, so that no HTTP client retries or rewords what the wire did
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", fake.port())) {
            socket.setSoTimeout(2_000);
            byte[] body = "{}".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            socket.getOutputStream().write(("POST /v1/messages HTTP/1.1\r\nHost: x\r\nx-api-key: k\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n{}")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            assertThatThrownBy(() -> socket.getInputStream().read()).isInstanceOf(java.net.SocketException.class)
                    .hasMessageContaining("reset");
        }
        assertThat(fake.requestCount()).isEqualTo(1);
    }

    @Test
    void stalledStreamSendsItsFirstEventsThenNothing() throws Exception {
        fake.enqueue(Behaviour.stallAfter(2));
        try (Response r = http.post("/v1/messages", ANTHROPIC_STREAM, "x-api-key", "k")) {
            assertThat(r.code()).isEqualTo(200);
            List<String> events = new ArrayList<>();
            assertThatThrownBy(() -> readEvents(r.body().source(), events)).isInstanceOf(InterruptedIOException.class);
            assertThat(events).containsExactly("message_start", "content_block_start");
            assertThat(fake.openStreams()).isEqualTo(1);
        }
    }

    @Test
    void stalledStreamIsDroppedAtTheHangLimit() throws Exception {
        fake.setHangLimit(Duration.ofMillis(300));
        fake.enqueue(Behaviour.stallAfter(1));
        try (Response r = new Http(fake, Duration.ofSeconds(5)).post("/v1/messages", ANTHROPIC_STREAM, "x-api-key", "k")) {
            List<String> events = new ArrayList<>();
            assertThatThrownBy(() -> readEvents(r.body().source(), events))
                    .isInstanceOf(IOException.class).isNotInstanceOf(InterruptedIOException.class);
            assertThat(events).containsExactly("message_start");
        }
    }

    @Test
    void cutStreamEndsWithAnErrorAfterItsEvents() throws Exception {
        fake.enqueue(Behaviour.cutAfter(3));
        try (Response r = http.post("/v1/messages", ANTHROPIC_STREAM, "x-api-key", "k")) {
            List<String> events = new ArrayList<>();
            assertThatThrownBy(() -> readEvents(r.body().source(), events))
                    .isInstanceOf(IOException.class).isNotInstanceOf(InterruptedIOException.class);
            assertThat(events).containsExactly("message_start", "content_block_start", "ping");
        }
    }

    @Test
    void malformedEventIsNotJsonAndTheStreamCarriesOn() throws Exception {
        fake.enqueue(Behaviour.malformedAfter(3));
        List<Http.Sse> events = Http.events(http.post("/v1/chat/completions", "{\"stream\":true}"));
        assertThat(events.get(3).data()).doesNotEndWith("}");
        assertThatThrownBy(() -> events.get(3).json()).isNotNull();
        assertThat(events.getLast().data()).isEqualTo("[DONE]");
    }

    @Test
    void streamWithoutTerminalEventEndsCleanly() throws Exception {
        fake.enqueue(Behaviour.noTerminalEvent(), Behaviour.noTerminalEvent(), Behaviour.noTerminalEvent());
        List<Http.Sse> anthropic = Http.events(http.post("/v1/messages", ANTHROPIC_STREAM, "x-api-key", "k"));
        assertThat(anthropic.getLast().event()).isEqualTo("message_delta");
        List<Http.Sse> chat = Http.events(http.post("/v1/chat/completions", "{\"stream\":true}"));
        assertThat(chat).noneMatch(e -> e.data().equals("[DONE]"));
        List<Http.Sse> responses = Http.events(http.post("/v1/responses", "{\"stream\":true}"));
        assertThat(responses.getLast().event()).isEqualTo("response.output_item.done");
    }

    @Test
    void jsonAnswerCutHalfWayFailsTheClientRead() throws Exception {
        fake.enqueue(Behaviour.cutAfter(0));
        try (Response r = http.post("/v1/messages", "{}", "x-api-key", "k")) {
            assertThat(r.code()).isEqualTo(200);
            assertThatThrownBy(() -> r.body().string()).isInstanceOf(IOException.class);
        }
    }

    @Test
    void slowFirstTokenDelaysOnlyTheFirstDelta() throws Exception {
        fake.enqueue(Behaviour.slowFirstToken(Duration.ofMillis(700)));
        long start = System.nanoTime();
        try (Response r = new Http(fake, Duration.ofSeconds(5)).post("/v1/messages", ANTHROPIC_STREAM, "x-api-key", "k")) {
            BufferedSource source = r.body().source();
            List<String> events = new ArrayList<>();
            long firstEvent = 0;
            long firstDelta = 0;
            String line;
            while ((line = source.readUtf8Line()) != null) {
                if (line.startsWith("event: ")) {
                    events.add(line.substring(7));
                    long at = System.nanoTime() - start;
                    firstEvent = firstEvent == 0 ? at : firstEvent;
                    firstDelta = firstDelta == 0 && line.endsWith("content_block_delta") ? at : firstDelta;
                }
            }
            assertThat(TimeUnit.NANOSECONDS.toMillis(firstDelta - firstEvent)).isGreaterThanOrEqualTo(650);
            assertThat(events.getLast()).isEqualTo("message_stop");
        }
    }

    @Test
    void pacingSpacesTheEvents() throws Exception {
        fake.setPacing(Duration.ofMillis(100));
        fake.setReply("abc", 3);
        long start = System.nanoTime();
        List<Http.Sse> events = Http.events(http.post("/v1/messages", ANTHROPIC_STREAM, "x-api-key", "k"));
        assertThat(events).hasSize(9);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(800);
    }

    @Test
    void closingTheFakeEndsHangingAndStalledRequestsPromptly() throws Exception {
        FakeUpstream own = FakeUpstream.start(0);
        Http client = new Http(own, Duration.ofSeconds(60));
        own.enqueue(Behaviour.neverAnswer(), Behaviour.stallAfter(1));
        // Own threads: the common pool may have a single thread on a small machine.
        Thread hanging = Thread.ofVirtual().start(() -> drain(client, "/v1/messages", "{}"));
        Thread stalled = Thread.ofVirtual().start(() -> drain(client, "/v1/messages", ANTHROPIC_STREAM));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (own.inFlight() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(own.inFlight()).isEqualTo(2);
        long start = System.nanoTime();
        own.close();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(3_000);
        assertThat(hanging.join(Duration.ofSeconds(5))).isTrue();
        assertThat(stalled.join(Duration.ofSeconds(5))).isTrue();
        assertThat(own.inFlight()).isZero();
        assertThat(own.openStreams()).isZero();
        client.close();
    }

    private static void drain(Http client, String path, String body) {
        try (Response r = client.post(path, body, "x-api-key", "k")) {
            r.body().string();
        } catch (IOException expected) {
            // the fake closed the connection: what this test waits for
        }
    }

    private static void readEvents(BufferedSource source, List<String> events) throws IOException {
        String line;
        while ((line = source.readUtf8Line()) != null) {
            if (line.startsWith("event: ")) {
                events.add(line.substring(7));
            }
        }
    }
}
