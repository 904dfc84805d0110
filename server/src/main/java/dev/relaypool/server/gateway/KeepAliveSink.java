package dev.relaypool.server.gateway;

import dev.relaypool.server.gateway.upstream.DueSweeper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client side of a streaming request that may have to wait for a slot (user, key or account). While a wait
 * lasts longer than {@link Settings#after()}, a virtual thread opens the response (200, {@code text/event-stream})
 * and writes an SSE comment every {@link Settings#every()}, so that clients with short read timeouts stay. Once
 * opened, the upstream's status and headers can no longer be sent, and every error is an in-band error event.
 * <p>
 * {@link #committed()} still means "the answer has started": pings alone do not stop a failover. One writer at a
 * time: the pinger writes only under {@link #lock} and only until the wait it accompanies has returned.
 */
final class KeepAliveSink implements ClientSink {
    private static final Logger log = LoggerFactory.getLogger(KeepAliveSink.class);
    private static final byte[] PING = ": keep-alive\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_UPSTREAM_ERROR_CHARS = 1000;

    /** When the first ping goes out during a wait, and how often the next ones follow. */
    record Settings(Duration after, Duration every) {
        static final Settings DEFAULTS = new Settings(Duration.ofSeconds(1), Duration.ofSeconds(5));

        Settings {
            Objects.requireNonNull(after, "after");
            Objects.requireNonNull(every, "every");
            if (after.isNegative() || every.isNegative() || every.isZero()) {
                throw new IllegalArgumentException("after must not be negative and every must be positive");
            }
        }
    }

    private final ExchangeSink exchange;
    private final Dialect dialect;
    private final Settings settings;
    private final boolean enabled;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile boolean opened;
    private boolean answerStarted;
    private Integer rejectedStatus;

    /** {@code enabled}: only for a streaming request whose client reads SSE (comments would break a JSON array). */
    KeepAliveSink(ExchangeSink exchange, Dialect dialect, Settings settings, boolean enabled) {
        this.exchange = exchange;
        this.dialect = dialect;
        this.settings = settings;
        this.enabled = enabled;
    }

    /**
     * Runs a possibly long wait, pinging the client while it lasts; the pings have stopped when this returns. A
     * wait costs a set insertion and removal: only one that outlasts {@link Settings#after()} gets a pinging
     * thread, started by a shared sweeper (no thread is started or woken for the usual, short wait).
     */
    <T> T waiting(Supplier<T> wait) {
        if (!enabled || answerStarted) {
            return wait.get();
        }
        Pinger pinger = new Pinger(System.nanoTime() + settings.after().toNanos());
        WAITS.add(pinger);
        try {
            return wait.get();
        } finally {
            WAITS.remove(pinger);
            pinger.stop();
        }
    }

    /** Waits in progress, of all sinks (a daemon for the JVM's life): one that outlasts its first delay gets a pinger. */
    private static final DueSweeper WAITS = new DueSweeper("keep-alive-sweeper", Duration.ofMillis(50));

    /** Whether pings already sent the status line: errors must then be in-band. */
    boolean opened() {
        return opened;
    }

    /** Ends an opened response with the protocol's in-band error event; false when the client is gone. */
    boolean endWithError(GatewayError error, String message) {
        try {
            exchange.write(dialect.streamError(error, message));
            return true;
        } catch (ClientDisconnected e) {
            return false;
        }
    }

    @Override
    public boolean committed() {
        return answerStarted;
    }

    @Override
    public void commit(int status, List<Map.Entry<String, String>> headers, long contentLength) {
        if (answerStarted) {
            throw new IllegalStateException("response already committed");
        }
        answerStarted = true;
        if (!opened) {
            exchange.commit(status, headers, contentLength);
        } else if (status >= 200 && status < 300) {
            log.info("upstream response headers not relayed: keep-alive pings already sent the status line");
        } else {
            rejectedStatus = status; // its body becomes an in-band error event
        }
    }

    @Override
    public void write(byte[] bytes) throws ClientDisconnected {
        if (rejectedStatus == null) {
            exchange.write(bytes);
            return;
        }
        String body = new String(bytes, StandardCharsets.UTF_8);
        String detail = body.length() > MAX_UPSTREAM_ERROR_CHARS ? body.substring(0, MAX_UPSTREAM_ERROR_CHARS) : body;
        exchange.write(dialect.streamError(GatewayError.UPSTREAM_REJECTED,
                "The upstream provider rejected the request (HTTP " + rejectedStatus + "): " + detail));
    }

    /** Pings during one wait; {@link #stop()} returns only when no ping is being written and none will be. */
    private final class Pinger implements Runnable, DueSweeper.Due {
        private final Condition wake = lock.newCondition();
        private final long firstPing;
        private boolean stopped;

        Pinger(long firstPing) {
            this.firstPing = firstPing;
        }

        @Override
        public long dueAtNanos() {
            return firstPing;
        }

        @Override
        public void fire() {
            Thread.ofVirtual().name("keep-alive").start(this);
        }

        @Override
        public void run() {
            lock.lock();
            try {
                long next = firstPing;
                // bounded: the wait this accompanies is bounded, and stop() is called in a finally
                while (!stopped) {
                    long left = next - System.nanoTime();
                    if (left > 0) {
                        wake.awaitNanos(left);
                        continue;
                    }
                    if (!opened) {
                        exchange.commit(200, List.of(Map.entry("content-type", "text/event-stream"),
                                Map.entry("cache-control", "no-cache")), -1);
                        opened = true;
                    }
                    exchange.write(PING);
                    next = System.nanoTime() + settings.every().toNanos();
                }
            } catch (ClientDisconnected e) {
                log.debug("client left while waiting for a slot");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                lock.unlock();
            }
        }

        void stop() {
            lock.lock();
            try {
                stopped = true;
                wake.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }
}
