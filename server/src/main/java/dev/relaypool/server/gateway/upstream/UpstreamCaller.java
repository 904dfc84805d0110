package dev.relaypool.server.gateway.upstream;

import dev.relaypool.server.config.RelaypoolConfig;
import dev.relaypool.server.gateway.FailureClass;
import dev.relaypool.server.gateway.UpstreamAccount;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import okhttp3.Call;
import okhttp3.Response;
import okio.BufferedSource;

/**
 * Sends one attempt to one account and waits for its response headers, no longer than the response-header
 * timeout. A status that another account might not give (401/403/429/529/5xx) comes back as a failure with its
 * retry hint; any other answer comes back open, for the relay to pass on.
 */
public final class UpstreamCaller implements AutoCloseable {
    public sealed interface Attempt {
        /**
         * Response headers arrived with a status the client should see. The caller reads the body through
         * {@link UpstreamTimeouts.Watch#watching} and closes both.
         */
        record Answered(Response response, UpstreamTimeouts.Watch watch) implements Attempt {}

        record Failed(FailureClass failure, Optional<Duration> retryAfter, String detail) implements Attempt {}

        /** The client went away while we waited; nobody's fault, nothing to report. */
        record ClientGone() implements Attempt {}
    }

    private static final int MAX_ERROR_BODY_BYTES = 64 * 1024;

    private final UpstreamClients clients;
    private final Duration headerTimeout;
    private final Duration streamIdle;
    private final Duration bufferedIdle;
    private final Clock clock;
    private final UpstreamTimeouts timeouts = new UpstreamTimeouts("upstream-timeouts");

    public UpstreamCaller(UpstreamClients clients, RelaypoolConfig.Gateway config, Clock clock) {
        this.clients = clients;
        this.headerTimeout = config.responseHeaderTimeout();
        this.streamIdle = config.streamIdleTimeout();
        // a buffered answer is read whole before the client sees anything: it may take as long as its headers could
        this.bufferedIdle = streamIdle.compareTo(headerTimeout) >= 0 ? streamIdle : headerTimeout;
        this.clock = clock;
    }

    public Attempt call(UpstreamAccount account, OutboundRequest outbound, CancelSignal signal) {
        Call call = clients.forAccount(account).newCall(UpstreamRequests.build(account, outbound));
        signal.attach(call);
        UpstreamTimeouts.Watch watch = timeouts.watch(call, headerTimeout);
        Response response;
        try {
            response = call.execute();
        } catch (IOException e) {
            watch.close();
            if (signal.cancelled()) {
                return new Attempt.ClientGone();
            }
            boolean connecting = e instanceof java.net.ConnectException
                    || (e instanceof SocketTimeoutException && String.valueOf(e.getMessage()).contains("connect"));
            FailureClass failure = watch.expired() || (!connecting && e instanceof SocketTimeoutException)
                    ? FailureClass.HEADER_TIMEOUT : FailureClass.CONNECT_FAILED;
            return new Attempt.Failed(failure, Optional.empty(), e.getClass().getSimpleName());
        }
        watch.reading(outbound.streaming() ? streamIdle : bufferedIdle);
        Optional<FailureClass> failure = FailureClass.ofStatus(response.code());
        if (failure.isEmpty()) {
            return new Attempt.Answered(response, watch);
        }
        try (response; watch) {
            String errorBody = readBounded(response);
            return new Attempt.Failed(failure.get(), RetryAfter.from(response.headers(), errorBody, clock),
                    "HTTP " + response.code());
        }
    }

    private static String readBounded(Response response) {
        try {
            BufferedSource source = response.body().source();
            source.request(MAX_ERROR_BODY_BYTES);
            long available = Math.min(source.getBuffer().size(), MAX_ERROR_BODY_BYTES);
            return source.getBuffer().readString(available, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return ""; // only a retry hint could have been in there
        }
    }

    @Override
    public void close() {
        timeouts.close();
    }
}
