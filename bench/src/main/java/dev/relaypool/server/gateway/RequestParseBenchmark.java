package dev.relaypool.server.gateway;

import dev.relaypool.model.Platform;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
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
 * Reading a request body of about 2 KB for its envelope and its session key: in two parses (as the gateway did
 * before) and in one (as it does now). In the gateway's package, whose reader is package-private.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RequestParseBenchmark {
    private final byte[] body = body();
    private final Map<String, String> headers = Map.of();

    @Benchmark
    public Optional<String> envelopeThenSessionTwoParses() {
        EnvelopeReader.read(body, Optional.empty(), false);
        return SessionKeys.derive(Platform.ANTHROPIC, headers::get, body);
    }

    @Benchmark
    public Optional<String> envelopeWithSessionOneParse() {
        SessionKeys.Material session = new SessionKeys.Material(Platform.ANTHROPIC);
        EnvelopeReader.read(body, Optional.empty(), false, session);
        return SessionKeys.derive(headers::get, session);
    }

    private static byte[] body() {
        String filler = "Relaypool benchmark conversation text. ".repeat(12);
        return ("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":256,\"stream\":true,"
                + "\"system\":[{\"type\":\"text\",\"text\":\"You are a helpful assistant. " + filler + "\","
                + "\"cache_control\":{\"type\":\"ephemeral\"}}],"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"" + filler + "\"},"
                + "{\"role\":\"assistant\",\"content\":\"" + filler + "\"},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"" + filler + " What next?\"}]}]}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
