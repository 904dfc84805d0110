package dev.relaypool.server.gateway;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.xnio.ChannelListeners;
import org.xnio.IoUtils;
import org.xnio.channels.Channels;
import org.xnio.channels.StreamSinkChannel;

/**
 * {@link ClientSink} over an Undertow exchange, used from the request's virtual thread.
 * <p>
 * Bytes are written straight to the response channel, blocking this thread while the client is slow to read. The
 * end of an answer (a stream's closing chunk, a fixed-length body's final flush) is left to the connection's IO
 * thread ({@link #handOffEnd}), which does it without blocking, so that the exchange completes there.
 * <p>
 * Why: when another thread completes an exchange, Undertow's read listener spins on the IO thread while that
 * thread re-arms reads for the connection's next request. On a loaded machine the completing thread is preempted
 * by the very IO thread its wake-up woke, and the spin lasts a scheduler slice: milliseconds added to the next
 * request, and a core burnt (docs/performance.md).
 */
final class ExchangeSink implements ClientSink {
    private static final AttachmentKey<ExchangeSink> END = AttachmentKey.create(ExchangeSink.class);

    private final HttpServerExchange exchange;
    private boolean committed;
    private long contentLength = -1;
    /** Taken at the first write. */
    private StreamSinkChannel channel;

    ExchangeSink(HttpServerExchange exchange) {
        this.exchange = exchange;
    }

    @Override
    public boolean committed() {
        return committed;
    }

    @Override
    public void commit(int status, List<Map.Entry<String, String>> headers, long contentLength) {
        if (committed) {
            throw new IllegalStateException("response already committed");
        }
        exchange.setStatusCode(status);
        for (Map.Entry<String, String> header : headers) {
            exchange.getResponseHeaders().add(new HttpString(header.getKey()), header.getValue());
        }
        if (contentLength >= 0) {
            exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, contentLength);
        } else {
            // a reverse proxy in front of the relay must not buffer the stream either
            exchange.getResponseHeaders().put(new HttpString("X-Accel-Buffering"), "no");
        }
        this.contentLength = contentLength;
        committed = true;
    }

    /**
     * The bytes are on their way to the client when this returns (written to the socket, blocking this thread
     * while the client is slow to read). A stream's are also flushed. A fixed-length answer is not: once its
     * last byte is written, its flush would complete the exchange on this thread; the IO thread does it
     * ({@link #handOffEnd}).
     */
    @Override
    public void write(byte[] bytes) throws ClientDisconnected {
        try {
            if (channel == null) {
                channel = exchange.getResponseChannel();
                exchange.putAttachment(END, this);
            }
            Channels.writeBlocking(channel, ByteBuffer.wrap(bytes));
            if (contentLength < 0) {
                Channels.flushBlocking(channel);
            }
        } catch (IOException e) {
            throw new ClientDisconnected(e);
        }
    }

    /**
     * Called last on the request's thread, as its handler returns: when an answer was written through a sink,
     * the IO thread ends it once the handler has returned (Undertow's dispatch), and this thread must not touch
     * the exchange again. False when there is nothing to hand over; the caller ends the exchange itself.
     */
    static boolean handOffEnd(HttpServerExchange exchange) {
        ExchangeSink sink = exchange.removeAttachment(END);
        if (sink == null) {
            return false;
        }
        exchange.dispatch(exchange.getIoThread(), sink::endOnIoThread);
        return true;
    }

    /** After a failure on the request's thread: the caller answers or ends the exchange itself. */
    static void abandon(HttpServerExchange exchange) {
        exchange.removeAttachment(END);
    }

    private void endOnIoThread(HttpServerExchange ending) {
        try { // returning with writes resumed leaves the exchange open until the rest is out
            channel.shutdownWrites();
            if (!channel.flush()) {
                channel.getWriteSetter().set(ChannelListeners.flushingChannelListener(
                        flushed -> ending.endExchange(), ChannelListeners.closingChannelExceptionHandler()));
                channel.resumeWrites();
            }
        } catch (IOException e) {
            IoUtils.safeClose(ending.getConnection());
        }
    }
}
