package dev.relaypool.bench.jmh;

import dev.relaypool.server.gateway.anthropic.AnthropicDialect;
import dev.relaypool.server.gateway.streaming.SseEvent;
import dev.relaypool.server.gateway.streaming.SseSplitter;
import dev.relaypool.server.gateway.streaming.UsageTap;
import dev.relaypool.server.usage.TokenUsage;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the relay does to a typical Anthropic stream besides copying it: split it into events (fed in the 8 KiB
 * reads the relay makes) and let the usage tap read each one. 200 text deltas, about 40 KB.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class UsageTapBenchmark {
    private static final int DELTAS = 200;
    private final byte[] stream = anthropicStream();
    private final AnthropicDialect dialect = new AnthropicDialect();

    @Benchmark
    public TokenUsage splitAndTapAnthropicStream() {
        SseSplitter splitter = new SseSplitter(16 * 1024 * 1024);
        UsageTap tap = dialect.newUsageTap();
        for (int offset = 0; offset < stream.length; offset += 8192) {
            for (byte[] event : splitter.feed(stream, offset, Math.min(8192, stream.length - offset))) {
                tap.onEvent(new SseEvent(event));
            }
        }
        return tap.usage();
    }

    static byte[] anthropicStream() {
        StringBuilder sse = new StringBuilder();
        event(sse, "message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_bench\",\"type\":\"message\","
                + "\"role\":\"assistant\",\"content\":[],\"model\":\"claude-sonnet-4-5\",\"stop_reason\":null,"
                + "\"usage\":{\"input_tokens\":1200,\"cache_creation_input_tokens\":2000,\"cache_read_input_tokens\":35000,"
                + "\"cache_creation\":{\"ephemeral_5m_input_tokens\":2000,\"ephemeral_1h_input_tokens\":0},\"output_tokens\":1}}}");
        event(sse, "content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}");
        event(sse, "ping", "{\"type\": \"ping\"}");
        for (int i = 0; i < DELTAS; i++) {
            event(sse, "content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\","
                    + "\"text\":\"part " + i + " of a typical answer, a few words \"}}");
        }
        event(sse, "content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}");
        event(sse, "message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},"
                + "\"usage\":{\"output_tokens\":480}}");
        event(sse, "message_stop", "{\"type\":\"message_stop\"}");
        return sse.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void event(StringBuilder sse, String name, String data) {
        sse.append("event: ").append(name).append("\ndata: ").append(data).append("\n\n");
    }
}
