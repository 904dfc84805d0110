package dev.relaypool.fake;

import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.DefaultByteBufferPool;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A fake of the Anthropic, OpenAI and Gemini APIs on one port, speaking their real wire formats, with injectable
 * faults. Start one per test class on port 0 and point the relay's upstream accounts at {@link #baseUrl()}:
 * <pre>{@code
 * try (FakeUpstream fake = FakeUpstream.start(0)) {
 *     fake.enqueue(Behaviour.rateLimited(Duration.ofSeconds(5)));   // the next request gets a 429
 *     fake.forCredential("sk-acc-2", Behaviour.overloaded());       // account 2 always fails
 *     ... fake.requests() ...
 * }
 * }</pre>
 * Behaviour precedence per request: the credential's own behaviour, else the next queued one, else the default.
 */
public final class FakeUpstream implements AutoCloseable {

    /** How to start the fake. {@code recordLimit} 0 switches request recording off. */
    public record Options(String host, int port, String reply, int deltas, Duration pacing, int recordLimit, Clock clock,
                          Optional<TlsIdentity> tls) {
        public Options {
            Objects.requireNonNull(host, "host");
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be 0..65535");
            }
            if (deltas < 1) {
                throw new IllegalArgumentException("deltas must be at least 1");
            }
            Objects.requireNonNull(pacing, "pacing");
            if (recordLimit < 0) {
                throw new IllegalArgumentException("recordLimit must not be negative");
            }
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(tls, "tls");
        }

        public static Options defaults() {
            return new Options("127.0.0.1", 0, null, 4, Duration.ZERO, 10_000, Clock.systemUTC(), Optional.empty());
        }

        public Options withHost(String value) {
            return new Options(value, port, reply, deltas, pacing, recordLimit, clock, tls);
        }

        public Options withPort(int value) {
            return new Options(host, value, reply, deltas, pacing, recordLimit, clock, tls);
        }

        public Options withReply(String text, int deltaCount) {
            return new Options(host, port, text, deltaCount, pacing, recordLimit, clock, tls);
        }

        public Options withPacing(Duration value) {
            return new Options(host, port, reply, deltas, value, recordLimit, clock, tls);
        }

        public Options withRecordLimit(int value) {
            return new Options(host, port, reply, deltas, pacing, value, clock, tls);
        }

        /**
         * Also listen for HTTPS on a free port ({@link #httpsBaseUrl()}), offering HTTP/2 by ALPN and HTTP/1.1, as
         * the providers' APIs do; the plain HTTP listener stays.
         */
        public Options withTls(TlsIdentity identity) {
            return new Options(host, port, reply, deltas, pacing, recordLimit, clock, Optional.of(identity));
        }

        public Options withClock(Clock value) {
            return new Options(host, port, reply, deltas, pacing, recordLimit, value, tls);
        }
    }

    private final Settings settings;
    private final RequestLog log;
    private final Counters counters = new Counters();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ExecutorService executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("fake-upstream-", 0).factory());
    private final Undertow undertow;
    private final String host;

    private FakeUpstream(Options options) {
        settings = new Settings(new Settings.Defaults(options.reply(), options.deltas(), options.pacing()));
        log = new RequestLog(options.recordLimit());
        host = options.host();
        Responder responder = new Responder(settings, counters, closing);
        ControlEndpoint control = new ControlEndpoint(settings, log, counters, this::reset, responder);
        Undertow.Builder builder = Undertow.builder()
                .addHttpListener(options.port(), options.host());
        options.tls().ifPresent(identity -> builder
                .addHttpsListener(0, options.host(), identity.serverContext())
                .setServerOption(UndertowOptions.ENABLE_HTTP2, true)
                // real servers cap streams per connection too (a client then opens another connection)
                .setServerOption(UndertowOptions.HTTP2_SETTINGS_MAX_CONCURRENT_STREAMS, 1_000));
        undertow = builder
                .setIoThreads(Math.max(2, Runtime.getRuntime().availableProcessors()))
                .setWorkerThreads(2) // answers run on virtual threads; the worker pool is only Undertow's fallback
                // without per-thread caches: each answer's virtual thread would make one, finalizable, and strand
                // its buffers until the collector finds the thread dead (as in the relay, see its BufferPool); up to
                // 1,024 free buffers are kept for reuse (Undertow's default keeps none outside those caches)
                .setByteBufferPool(new DefaultByteBufferPool(true, 16 * 1024 - 20, 1_024, 0))
                .setSocketOption(org.xnio.Options.BACKLOG, 10_000)
                .setHandler(new Router(settings, log, counters, responder, control, executor, options.clock()))
                .build();
    }

    public static FakeUpstream start(int port) {
        return start(Options.defaults().withPort(port));
    }

    public static FakeUpstream start(Options options) {
        FakeUpstream fake = new FakeUpstream(options);
        fake.undertow.start();
        return fake;
    }

    public int port() {
        return listenerPort("http");
    }

    private int listenerPort(String protocol) {
        Undertow.ListenerInfo listener = undertow.getListenerInfo().stream()
                .filter(info -> info.getProtcol().equals(protocol)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the fake has no " + protocol + " listener"
                        + (protocol.equals("https") ? " (start it with Options.withTls)" : "")));
        return ((InetSocketAddress) listener.getAddress()).getPort();
    }

    /** {@code http://host:port}, without a trailing slash or a /v1. */
    public String baseUrl() {
        return "http://" + urlHost() + ":" + port();
    }

    /** {@code https://host:port} of the HTTPS listener ({@link Options#withTls}), without a trailing slash. */
    public String httpsBaseUrl() {
        return "https://" + urlHost() + ":" + listenerPort("https");
    }

    private String urlHost() {
        return host.contains(":") ? "[" + host + "]" : host.equals("0.0.0.0") ? "127.0.0.1" : host;
    }

    /** The recorded requests, oldest first (the last 10,000 by default; control requests are never recorded). */
    public List<RecordedRequest> requests() {
        return log.snapshot();
    }

    /** The newest recorded request, or null. */
    public RecordedRequest lastRequest() {
        List<RecordedRequest> last = log.last(1);
        return last.isEmpty() ? null : last.getFirst();
    }

    /** Forgets the recorded requests. */
    public void clear() {
        log.clear();
    }

    /** Back to the starting state: behaviours, reply, usage, pacing, limits, recordings and counters. */
    public void reset() {
        settings.reset();
        log.reset();
        counters.reset();
    }

    /** Behaviours for the next requests, one each, in order; then the default again. */
    public void enqueue(Behaviour... behaviours) {
        for (Behaviour b : behaviours) {
            settings.enqueue(b);
        }
    }

    public void setDefault(Behaviour behaviour) {
        settings.setDefault(behaviour);
    }

    /** Every request carrying this credential (API key, bearer token, OAuth refresh token) gets this; null removes it. */
    public void forCredential(String credential, Behaviour behaviour) {
        settings.forCredential(credential, behaviour);
    }

    /** The answer text (null: each platform's own greeting) and how many deltas a stream splits it into. */
    public void setReply(String text, int deltaCount) {
        settings.setReply(text, deltaCount);
    }

    /** Fixed usage for every answer; null derives it from the request and reply sizes. */
    public void setUsage(Usage usage) {
        settings.setUsage(usage);
    }

    /** The pause between stream events. */
    public void setPacing(Duration pacing) {
        settings.setPacing(pacing);
    }

    /** How long never-answer and stall faults hold a connection before dropping it (default 10 minutes). */
    public void setHangLimit(Duration limit) {
        settings.setHangLimit(limit);
    }

    /** The expires_in of issued OAuth tokens (default 1 hour). */
    public void setTokenLifetime(Duration lifetime) {
        settings.setTokenLifetime(lifetime);
    }

    /** How many requests to keep; 0 switches recording off. */
    public void setRecordLimit(int limit) {
        log.setLimit(limit);
    }

    /** Streaming answers being sent right now. */
    public int openStreams() {
        return counters.openStreams.get();
    }

    /** Provider requests being answered right now (streams, JSON answers, hanging requests). */
    public int inFlight() {
        return counters.inFlight.get();
    }

    /** Provider requests received since start or reset (control requests excluded). */
    public long requestCount() {
        return counters.requests.get();
    }

    /** Provider requests received over HTTP/2 since start or reset. */
    public long http2Requests() {
        return counters.http2Requests.get();
    }

    /** The HTTP/2 connections those requests came on (distinct client addresses), since start or reset. */
    public int http2Connections() {
        return counters.http2Peers.size();
    }

    /** Calls to {@code POST /v1/oauth/token} since start or reset. */
    public long tokenCalls() {
        return counters.tokenCalls.get();
    }

    /** Ends every open answer (hangs and stalls included), then stops the server; bounded. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closing.countDown();
        executor.shutdown();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
            undertow.stop(); // closes the connections a blocked write may still be waiting on
            if (!executor.awaitTermination(3, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            undertow.stop();
            Thread.currentThread().interrupt();
        }
    }
}
