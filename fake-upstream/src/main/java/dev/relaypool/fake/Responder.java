package dev.relaypool.fake;

import dev.relaypool.fake.Behaviour.BrokenStream;
import dev.relaypool.fake.Reply.Event;
import dev.relaypool.fake.Reply.Framing;
import dev.relaypool.fake.Reply.Kind;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.xnio.IoUtils;

/**
 * Plays a {@link Behaviour} on one exchange, on a virtual thread: errors, hangs, dropped connections, JSON answers
 * and paced streams with their faults. Every wait ends when the fake closes, so no thread outlives it.
 */
final class Responder {
    private static final byte[] EVENT = "event: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NEWLINE = {'\n'};
    private static final byte[] BLANK_LINE = {'\n', '\n'};

    /** A routed request: who renders its errors, how to build its answer, the headers a success carries. */
    record Endpoint(ErrorEnvelope errors, Supplier<Reply> reply, Map<String, String> headers) {}

    private final Settings settings;
    private final Counters counters;
    private final CountDownLatch closing;

    Responder(Settings settings, Counters counters, CountDownLatch closing) {
        this.settings = settings;
        this.counters = counters;
        this.closing = closing;
    }

    void respond(HttpServerExchange ex, Behaviour behaviour, Endpoint endpoint, ErrorEnvelope.Context context) {
        try {
            switch (behaviour) {
                case Behaviour.Fail f -> send(ex, endpoint.errors().render(f.kind(), f.retryAfter(), context));
                case Behaviour.NeverAnswer n -> {
                    pause(settings.hangLimit());
                    drop(ex);
                }
                case Behaviour.DropBeforeHeaders d -> drop(ex);
                case Behaviour.ResetBeforeHeaders r -> reset(ex);
                case Behaviour.Answer a -> answer(ex, endpoint, a.firstTokenDelay(),
                        a.pacing() != null ? a.pacing() : settings.pacing(), null);
                case BrokenStream b -> answer(ex, endpoint, Duration.ZERO, settings.pacing(), b);
            }
        } catch (IOException e) {
            drop(ex); // the client went away mid-answer: nothing left to tell it
        }
    }

    void send(HttpServerExchange ex, ErrorEnvelope.Rendered rendered) throws IOException {
        ex.setStatusCode(rendered.status());
        rendered.headers().forEach((name, value) -> ex.getResponseHeaders().put(HttpString.tryFromString(name), value));
        writeJson(ex, rendered.body());
    }

    private void answer(HttpServerExchange ex, Endpoint endpoint, Duration firstTokenDelay, Duration pacing,
                        BrokenStream broken) throws IOException {
        Reply reply = endpoint.reply().get();
        endpoint.headers().forEach((name, value) -> ex.getResponseHeaders().put(HttpString.tryFromString(name), value));
        switch (reply) {
            case Reply.Json json -> json(ex, json.body(), firstTokenDelay, broken);
            case Reply.Stream stream -> stream(ex, stream, firstTokenDelay, pacing, broken);
        }
    }

    private void json(HttpServerExchange ex, byte[] body, Duration delay, BrokenStream broken) throws IOException {
        if (!pause(delay)) {
            drop(ex);
            return;
        }
        if (broken == null) {
            writeJson(ex, body);
            return;
        }
        // A JSON answer has no events: it breaks half-way through its body instead.
        byte[] half = Arrays.copyOf(body, body.length / 2);
        boolean promiseWholeBody = broken.how() == Behaviour.Break.STALL || broken.how() == Behaviour.Break.CUT;
        ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        ex.getResponseHeaders().put(Headers.CONTENT_LENGTH, promiseWholeBody ? body.length : half.length);
        ex.startBlocking();
        OutputStream out = ex.getOutputStream();
        out.write(half);
        out.flush();
        switch (broken.how()) {
            case STALL -> {
                pause(settings.hangLimit());
                drop(ex);
            }
            case CUT -> drop(ex);
            case MALFORMED, NO_TERMINAL -> out.close();
        }
    }

    private void writeJson(HttpServerExchange ex, byte[] body) throws IOException {
        ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        ex.getResponseHeaders().put(Headers.CONTENT_LENGTH, body.length);
        ex.startBlocking();
        try (OutputStream out = ex.getOutputStream()) {
            out.write(body);
        }
    }

    private void stream(HttpServerExchange ex, Reply.Stream stream, Duration firstTokenDelay, Duration pacing,
                        BrokenStream broken) throws IOException {
        counters.openStreams.incrementAndGet();
        try {
            ex.getResponseHeaders().put(Headers.CONTENT_TYPE, stream.contentType());
            ex.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-cache");
            ex.startBlocking();
            OutputStream out = ex.getOutputStream();
            out.flush(); // the status line and headers go out at once, as the providers' do
            Framing framing = stream.framing();
            List<Event> events = stream.events();
            int written = 0;
            boolean malformedSent = false;
            boolean beforeFirstDelta = true;
            for (Event event : events) {
                if (broken != null && written == broken.afterEvents() && !malformedSent) {
                    if (breaksHere(ex, out, broken, framing, event.name(), written)) {
                        return;
                    }
                    malformedSent = broken.how() == Behaviour.Break.MALFORMED;
                }
                if (broken != null && broken.how() == Behaviour.Break.NO_TERMINAL && event.kind() == Kind.TERMINAL) {
                    continue;
                }
                Duration wait = event.kind() == Kind.DELTA && beforeFirstDelta && !firstTokenDelay.isZero()
                        ? firstTokenDelay : written > 0 ? pacing : Duration.ZERO;
                if (!pause(wait)) {
                    drop(ex);
                    return;
                }
                beforeFirstDelta &= event.kind() != Kind.DELTA;
                write(out, framing, event.name(), event.data(), written++);
                out.flush();
            }
            if (broken != null && broken.afterEvents() >= written && !malformedSent
                    && breaksHere(ex, out, broken, framing, null, written)) {
                return;
            }
            if (framing == Framing.JSON_ARRAY) {
                out.write(written == 0 ? "[]".getBytes(StandardCharsets.US_ASCII) : new byte[] {']'});
            }
            out.close();
        } finally {
            counters.openStreams.decrementAndGet();
        }
    }

    /** Applies a stream fault; true when the answer is over (connection dropped). */
    private boolean breaksHere(HttpServerExchange ex, OutputStream out, BrokenStream broken, Framing framing,
                               String nextName, int written) throws IOException {
        switch (broken.how()) {
            case STALL -> {
                pause(settings.hangLimit());
                drop(ex);
                return true;
            }
            case CUT -> {
                drop(ex);
                return true;
            }
            case MALFORMED -> {
                String name = nextName == null ? "message" : nextName;
                write(out, framing, name, ("{\"type\":\"" + name + "\",\"malformed\":").getBytes(StandardCharsets.UTF_8), written);
                out.flush();
                return false;
            }
            case NO_TERMINAL -> {
                return false;
            }
        }
        return false;
    }

    private static void write(OutputStream out, Framing framing, String name, byte[] data, int index) throws IOException {
        switch (framing) {
            case SSE_NAMED -> {
                if (name != null) {
                    out.write(EVENT);
                    out.write(name.getBytes(StandardCharsets.US_ASCII));
                    out.write(NEWLINE);
                }
                out.write(DATA);
                out.write(data);
                out.write(BLANK_LINE);
            }
            case SSE_DATA -> {
                out.write(DATA);
                out.write(data);
                out.write(BLANK_LINE);
            }
            case JSON_ARRAY -> {
                out.write(index == 0 ? new byte[] {'['} : new byte[] {',', '\r', '\n'});
                out.write(data);
            }
        }
    }

    /** Waits; false when the fake is closing (the caller then drops the connection). */
    boolean pause(Duration duration) {
        if (duration.isZero()) {
            return closing.getCount() > 0;
        }
        try {
            return !closing.await(duration.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static void drop(HttpServerExchange ex) {
        IoUtils.safeClose(ex.getConnection());
    }

    /**
     * Closes with a TCP RST instead of a FIN: SO_LINGER 0 on the socket under XNIO's connection, reached by
     * reflection because XNIO exposes no linger option. Falls back to a plain close if that ever fails.
     */
    static void reset(HttpServerExchange ex) {
        try {
            Object connection = ((io.undertow.server.protocol.http.HttpServerConnection) ex.getConnection()).getChannel();
            java.lang.reflect.Method channel = connection.getClass().getDeclaredMethod("getChannel");
            channel.setAccessible(true);
            ((java.nio.channels.SocketChannel) channel.invoke(connection))
                    .setOption(java.net.StandardSocketOptions.SO_LINGER, 0);
        } catch (ReflectiveOperationException | IOException | RuntimeException e) {
            // a FIN is the next best thing
        }
        drop(ex);
    }
}
