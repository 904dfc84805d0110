package dev.relaypool.server.gateway;

import dev.relaypool.server.gateway.streaming.SseEvent;
import dev.relaypool.server.gateway.streaming.SseSplitter;
import dev.relaypool.server.gateway.streaming.UsageTap;
import dev.relaypool.server.gateway.upstream.CancelSignal;
import dev.relaypool.server.gateway.upstream.HeaderPolicy;
import dev.relaypool.server.gateway.upstream.UpstreamTimeouts;
import dev.relaypool.server.usage.TokenUsage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.Response;

/**
 * Passes one upstream answer to the client. Streams go event by event, each flushed as soon as it is complete,
 * byte for byte as received, while the usage tap reads along (the one exception: a usage-only event the relay
 * asked for on the client's behalf is read, then withheld); the client's status line waits for the first event
 * so that an answer that dies before it can still fail over. A stream that breaks later ends with the protocol's
 * in-band error event. Other answers are read whole, then sent with their length.
 */
final class Relay {
    private static final int MAX_EVENT_BYTES = 16 * 1024 * 1024;
    private static final int STREAM_READ_BYTES = 2048;
    private static final int MAX_BUFFERED_BYTES = 128 * 1024 * 1024;
    /** A non-SSE stream (Gemini's JSON array) is kept this far for the usage parse at its end. */
    private static final int MAX_RAW_TEE_BYTES = 16 * 1024 * 1024;

    private final Dialect dialect;
    private final ClientSink sink;
    private final CancelSignal signal;
    private final long startNanos;
    private final UsageTap tap;
    private final boolean withholdUsageEvent;
    private final Completion completion;
    private Long firstByteMillis;
    private boolean completionReported;

    /**
     * Told once, just before the bytes that complete a successful answer reach the client, so that the usage is
     * journalled before the client can know it was answered: a crash after that point cannot lose the charge.
     */
    interface Completion {
        void answered(int status, TokenUsage usage, Long firstByteMillis);
    }

    /** {@code withholdUsageEvent}: the relay, not the client, asked for usage, so the client must not see it. */
    Relay(Dialect dialect, ClientSink sink, CancelSignal signal, long startNanos, boolean withholdUsageEvent,
          Completion completion) {
        this.dialect = dialect;
        this.sink = sink;
        this.signal = signal;
        this.startNanos = startNanos;
        this.tap = dialect.newUsageTap();
        this.withholdUsageEvent = withholdUsageEvent;
        this.completion = completion;
    }

    /** Whether {@link Completion#answered} was called: the usage of this answer is then already recorded. */
    boolean completionReported() {
        return completionReported;
    }

    private void complete(int status) {
        if (!completionReported) {
            completionReported = true;
            completion.answered(status, tap.usage(), firstByteMillis);
        }
    }

    /** {@code watch}: the call's time limits; reading through it counts as progress, and it says why a read failed. */
    RelayResult relay(Response response, UpstreamTimeouts.Watch watch, boolean streamRequested) {
        String contentType = String.valueOf(response.header("content-type")).toLowerCase(java.util.Locale.ROOT);
        boolean sse = contentType.startsWith("text/event-stream");
        boolean success = response.code() >= 200 && response.code() < 300;
        InputStream in = watch.watching(response.body().byteStream()); // closed with the response, by the caller
        if (success && (sse || streamRequested)) {
            return stream(response, in, sse, watch);
        }
        return buffered(response, in, success, watch);
    }

    private RelayResult stream(Response response, InputStream in, boolean sse, UpstreamTimeouts.Watch watch) {
        SseSplitter splitter = new SseSplitter(MAX_EVENT_BYTES);
        ByteArrayOutputStream tee = sse ? null : new ByteArrayOutputStream();
        // small: a stream's thread holds it for the stream's whole life, and OkHttp already reads the socket in 8 KiB
        // segments (this only copies out of them); 10,000 open streams are 60 MiB less heap than with 8 KiB
        byte[] buffer = new byte[STREAM_READ_BYTES];
        try {
            try {
                for (int read; (read = in.read(buffer)) != -1; ) {
                    if (sse) {
                        for (byte[] event : splitter.feed(buffer, 0, read)) {
                            pass(response, new SseEvent(event));
                        }
                    } else {
                        if (tee.size() + read <= MAX_RAW_TEE_BYTES) {
                            tee.write(buffer, 0, read);
                        }
                        send(response, java.util.Arrays.copyOf(buffer, read));
                    }
                }
            } catch (ClientSink.ClientDisconnected e) {
                throw e;
            } catch (IOException e) {
                if (signal.cancelled()) {
                    return new RelayResult.ClientGone(response.code(), tap.usage(), firstByteMillis);
                }
                boolean idle = watch.expired() || e instanceof InterruptedIOException;
                if (!sink.committed()) {
                    return new RelayResult.FailedBeforeFirstByte(
                            idle ? FailureClass.HEADER_TIMEOUT : FailureClass.EMPTY_ANSWER, e.getClass().getSimpleName());
                }
                return broken(response, idle ? FailureClass.STREAM_IDLE : FailureClass.STREAM_BROKEN);
            }
            byte[] rest = splitter.drain();
            if (rest.length > 0) {
                pass(response, new SseEvent(rest));
            }
            if (!sink.committed()) {
                return new RelayResult.FailedBeforeFirstByte(FailureClass.EMPTY_ANSWER, "empty stream");
            }
            if (tee != null) {
                tap.onBody(tee.toByteArray());
            } else if (!tap.sawEnd()) {
                return broken(response, FailureClass.STREAM_BROKEN); // closed cleanly, but before the final event
            }
            return new RelayResult.Delivered(response.code(), tap.usage(), firstByteMillis, null);
        } catch (ClientSink.ClientDisconnected e) {
            signal.cancel();
            return new RelayResult.ClientGone(response.code(), tap.usage(), firstByteMillis);
        }
    }

    private RelayResult broken(Response response, FailureClass failure) throws ClientSink.ClientDisconnected {
        GatewayError error = failure.error();
        String message = failure == FailureClass.STREAM_IDLE
                ? "The upstream stream stalled; the answer is incomplete." : error.defaultMessage();
        sink.write(dialect.streamError(error, message));
        return new RelayResult.Delivered(response.code(), tap.usage(), firstByteMillis, failure);
    }

    private RelayResult buffered(Response response, InputStream in, boolean success, UpstreamTimeouts.Watch watch) {
        byte[] bytes;
        try {
            long declared = response.body().contentLength();
            if (declared >= 0 && declared <= MAX_BUFFERED_BYTES) {
                bytes = in.readNBytes((int) declared); // straight into its own array (OkHttp fails a short body)
            } else {
                ByteArrayOutputStream body = new ByteArrayOutputStream();
                byte[] buffer = new byte[8192];
                for (int read; (read = in.read(buffer)) != -1; ) {
                    if (body.size() + read > MAX_BUFFERED_BYTES) {
                        return new RelayResult.FailedBeforeFirstByte(FailureClass.SERVER_ERROR, "answer too large");
                    }
                    body.write(buffer, 0, read);
                }
                bytes = body.toByteArray();
            }
        } catch (IOException e) {
            if (signal.cancelled()) {
                return new RelayResult.ClientGone(response.code(), tap.usage(), null);
            }
            return new RelayResult.FailedBeforeFirstByte(
                    watch.expired() || e instanceof InterruptedIOException
                            ? FailureClass.HEADER_TIMEOUT : FailureClass.EMPTY_ANSWER,
                    e.getClass().getSimpleName());
        }
        if (success) {
            tap.onBody(bytes);
        }
        sink.commit(response.code(), headersOf(response), bytes.length);
        if (success) {
            complete(response.code());
        }
        try {
            sink.write(bytes);
        } catch (ClientSink.ClientDisconnected e) {
            return new RelayResult.ClientGone(response.code(), tap.usage(), null);
        }
        return new RelayResult.Delivered(response.code(), tap.usage(), null, null);
    }

    private void pass(Response response, SseEvent event) throws ClientSink.ClientDisconnected {
        tap.onEvent(event);
        if (tap.sawEnd()) {
            commitStream(response); // a final event that is also the first still gets its time to first byte
            complete(response.code());
        }
        if (!(withholdUsageEvent && dialect.isUsageOnly(event))) {
            send(response, event.raw());
        }
    }

    private void send(Response response, byte[] bytes) throws ClientSink.ClientDisconnected {
        commitStream(response);
        sink.write(bytes);
    }

    private void commitStream(Response response) {
        if (!sink.committed()) {
            sink.commit(response.code(), headersOf(response), -1);
            firstByteMillis = (System.nanoTime() - startNanos) / 1_000_000;
        }
    }

    private static List<Map.Entry<String, String>> headersOf(Response response) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        okhttp3.Headers upstream = response.headers();
        for (int i = 0; i < upstream.size(); i++) {
            if (HeaderPolicy.returnsResponseHeader(upstream.name(i))) {
                headers.add(Map.entry(upstream.name(i).toLowerCase(java.util.Locale.ROOT), upstream.value(i)));
            }
        }
        return headers;
    }
}
