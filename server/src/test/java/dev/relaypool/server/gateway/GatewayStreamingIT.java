package dev.relaypool.server.gateway;

import static dev.relaypool.server.gateway.TestGateway.account;
import static dev.relaypool.server.gateway.TestGateway.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.server.usage.UsageRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Streams through the relay against an upstream that sends exactly scripted bytes. */
class GatewayStreamingIT {
    private static ScriptedUpstream upstream;
    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        upstream = new ScriptedUpstream();
        gateway = TestGateway.start(Map.of("RELAYPOOL_GATEWAY_STREAM_IDLE_TIMEOUT_MS", "700"));
        gateway.selector.setAccounts(
                account(1, dev.relaypool.model.Platform.ANTHROPIC, upstream.baseUrl(), "sk-ant-upstream"),
                account(2, dev.relaypool.model.Platform.OPENAI, upstream.baseUrl(), "sk-openai-upstream"),
                account(3, dev.relaypool.model.Platform.GEMINI, upstream.baseUrl(), "gemini-upstream"));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        upstream.close();
    }

    @BeforeEach
    void clean() {
        gateway.reset();
    }

    static List<ProtocolStreams> protocols() {
        return ProtocolStreams.all();
    }

    @ParameterizedTest
    @MethodSource("protocols")
    void streamsUpstreamEventsUnchangedAndReadsTheirUsage(ProtocolStreams p) throws Exception {
        upstream.play(contentType(p), false, oddlyChunked(p.wire()));

        byte[] received;
        try (Response response = call(p)) {
            assertThat(response.code()).isEqualTo(200);
            assertThat(response.header("content-type")).startsWith("text/event-stream");
            assertThat(response.header("x-relaypool-request-id")).matches("req_[0-9a-f]{24}");
            received = response.body().bytes();
        }

        assertThat(received).isEqualTo(p.wire().getBytes(StandardCharsets.UTF_8));
        eventually(() -> gateway.usage.size() == 1, "usage record");
        UsageRecord record = gateway.usage.getFirst();
        assertThat(record.tokens()).isEqualTo(p.usage());
        assertThat(record.stream()).isTrue();
        assertThat(record.statusCode()).isEqualTo(200);
        assertThat(record.answered()).isTrue();
        assertThat(record.firstTokenMillis()).isNotNull();
        assertThat(record.errorClass()).isNull();
        assertThat(gateway.selector.leasesHeld()).isZero();
    }

    @Test
    void flushesEachEventBeforeTheUpstreamSendsTheNext() throws Exception {
        ProtocolStreams p = ProtocolStreams.anthropic();
        CountDownLatch clientSawFirstEvent = new CountDownLatch(1);
        List<ScriptedUpstream.Step> steps = new ArrayList<>();
        steps.add(ScriptedUpstream.Step.of(p.events().getFirst()));
        // every further event waits until the client has the first: a relay that buffers would never deliver it
        p.events().stream().skip(1).forEach(e -> steps.add(ScriptedUpstream.Step.after(clientSawFirstEvent, e)));
        upstream.play("text/event-stream", false, steps.toArray(ScriptedUpstream.Step[]::new));

        try (Response response = call(p)) {
            BufferedSource source = response.body().source();
            byte[] first = p.events().getFirst().getBytes(StandardCharsets.UTF_8);
            source.require(first.length);
            assertThat(source.readByteArray(first.length)).isEqualTo(first);
            clientSawFirstEvent.countDown();
            assertThat(source.readUtf8()).isEqualTo(String.join("", p.events().subList(1, p.events().size())));
        }
    }

    @ParameterizedTest
    @MethodSource("protocols")
    void streamCutAfterTheFirstByteEndsWithAnInBandError(ProtocolStreams p) throws Exception {
        String firstEvent = p.events().getFirst();
        upstream.play(contentType(p), true, ScriptedUpstream.Step.of(firstEvent));

        String body;
        try (Response response = call(p)) {
            assertThat(response.code()).isEqualTo(200);
            body = response.body().string();
        }

        assertThat(body).startsWith(firstEvent).contains(p.errorMarker()).doesNotContain(p.terminalMarker());
        eventually(() -> gateway.usage.size() == 1, "usage record");
        assertThat(gateway.usage.getFirst().errorClass()).isEqualTo("stream_broken");
        assertThat(gateway.selector.failures).extracting(InMemorySelector.Feedback::failure)
                .containsExactly(FailureClass.STREAM_BROKEN);
        assertThat(gateway.selector.leasesHeld()).isZero();
    }

    @Test
    void stalledStreamEndsWithAnInBandErrorAfterTheIdleTimeout() throws Exception {
        ProtocolStreams p = ProtocolStreams.anthropic();
        upstream.play("text/event-stream", false, ScriptedUpstream.Step.of(p.events().getFirst()),
                ScriptedUpstream.Step.afterPause(Duration.ofSeconds(3), p.events().get(1)));

        String body;
        try (Response response = call(p)) {
            body = response.body().string();
        }

        assertThat(body).startsWith(p.events().getFirst())
                .endsWith("event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"api_error\","
                        + "\"message\":\"The upstream stream stalled; the answer is incomplete.\"}}\n\n");
        eventually(() -> gateway.usage.size() == 1, "usage record");
        assertThat(gateway.usage.getFirst().errorClass()).isEqualTo("stream_idle");
        assertThat(gateway.usage.getFirst().tokens().inputTokens()).isEqualTo(25); // what message_start reported
    }

    @ParameterizedTest
    @MethodSource("protocols")
    void streamThatEndsWithoutItsFinalEventIsNotPassedOffAsComplete(ProtocolStreams p) throws Exception {
        List<String> withoutLast = p.events().subList(0, p.events().size() - 1);
        upstream.play(contentType(p), false, ScriptedUpstream.Step.of(String.join("", withoutLast)));

        String body;
        try (Response response = call(p)) {
            body = response.body().string();
        }

        assertThat(body).startsWith(String.join("", withoutLast)).contains(p.errorMarker());
    }

    @Test
    void clientThatHangsUpCancelsTheUpstreamStreamAndReleasesTheLease() throws Exception {
        ProtocolStreams p = ProtocolStreams.anthropic();
        List<ScriptedUpstream.Step> steps = new ArrayList<>();
        steps.add(ScriptedUpstream.Step.of(p.events().getFirst()));
        for (int i = 0; i < 100; i++) {
            steps.add(ScriptedUpstream.Step.afterPause(Duration.ofMillis(50), ": ping " + i + "\n\n"));
        }
        upstream.clientWentAway.set(false);
        upstream.play("text/event-stream", false, steps.toArray(ScriptedUpstream.Step[]::new));

        okhttp3.Call call = gateway.http.newCall(request(p));
        Response response = call.execute();
        response.body().source().require(p.events().getFirst().length());
        call.cancel();
        response.close();

        eventually(upstream.clientWentAway::get, "the upstream stream to be abandoned");
        eventually(() -> gateway.selector.leasesHeld() == 0, "lease released");
        eventually(() -> gateway.usage.size() == 1, "usage record");
        assertThat(gateway.usage.getFirst().errorClass()).isEqualTo("client_gone");
        assertThat(gateway.usage.getFirst().tokens().inputTokens()).isEqualTo(25);
    }

    private static Response call(ProtocolStreams p) throws java.io.IOException {
        return gateway.http.newCall(request(p)).execute();
    }

    private static Request request(ProtocolStreams p) {
        Request.Builder builder = new Request.Builder().url(gateway.url(p.path()))
                .post(RequestBody.create(p.requestBody(), MediaType.get("application/json")));
        return switch (p.platform()) {
            case ANTHROPIC -> builder.header("x-api-key", p.key()).header("anthropic-version", "2023-06-01").build();
            case OPENAI -> builder.header("authorization", "Bearer " + p.key()).build();
            case GEMINI -> builder.header("x-goog-api-key", p.key()).build();
        };
    }

    private static String contentType(ProtocolStreams p) {
        return p.platform() == dev.relaypool.model.Platform.ANTHROPIC ? "text/event-stream; charset=utf-8" : "text/event-stream";
    }

    /** Writes that cut events (and multi-byte characters) at awkward places, to exercise the event splitter. */
    private static ScriptedUpstream.Step[] oddlyChunked(String wire) {
        byte[] bytes = wire.getBytes(StandardCharsets.UTF_8);
        List<ScriptedUpstream.Step> steps = new ArrayList<>();
        int[] sizes = {1, 7, 3, 61, 2, 129, 5, 17};
        int at = 0;
        for (int i = 0; at < bytes.length; i++) {
            int size = Math.min(sizes[i % sizes.length], bytes.length - at);
            steps.add(new ScriptedUpstream.Step(java.util.Arrays.copyOfRange(bytes, at, at + size), null, Duration.ZERO));
            at += size;
        }
        return steps.toArray(ScriptedUpstream.Step[]::new);
    }
}
