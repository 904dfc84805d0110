package dev.relaypool.server.gateway;

import io.undertow.Undertow;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.xnio.IoUtils;

/**
 * An upstream that sends exactly the bytes a test scripts, in the writes it scripts: for byte-for-byte and
 * flush-timing assertions the protocol fake does not need to offer.
 */
final class ScriptedUpstream implements AutoCloseable {
    /** One write (then flush), optionally after a latch opens or a pause. */
    record Step(byte[] bytes, CountDownLatch awaitBefore, Duration pauseBefore) {
        static Step of(String text) {
            return new Step(text.getBytes(StandardCharsets.UTF_8), null, Duration.ZERO);
        }

        static Step after(CountDownLatch latch, String text) {
            return new Step(text.getBytes(StandardCharsets.UTF_8), latch, Duration.ZERO);
        }

        static Step afterPause(Duration pause, String text) {
            return new Step(text.getBytes(StandardCharsets.UTF_8), null, pause);
        }
    }

    /** {@code cut}: close the connection after the steps instead of ending the response. */
    record Script(String contentType, List<Step> steps, boolean cut) {}

    private final java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();
    private final Undertow undertow;
    private volatile Script script;
    final AtomicBoolean clientWentAway = new AtomicBoolean();
    final List<String> paths = new java.util.concurrent.CopyOnWriteArrayList<>();

    ScriptedUpstream() {
        undertow = Undertow.builder()
                .addHttpListener(0, "127.0.0.1")
                .setHandler(exchange -> exchange.dispatch(threads, () -> {
                    try {
                        serve(exchange);
                    } catch (IOException e) {
                        IoUtils.safeClose(exchange.getConnection());
                    }
                }))
                .build();
        undertow.start();
    }

    private void serve(io.undertow.server.HttpServerExchange exchange) throws IOException {
        exchange.startBlocking();
        exchange.getInputStream().readAllBytes();
        paths.add(exchange.getRequestPath() + (exchange.getQueryString().isEmpty() ? "" : "?" + exchange.getQueryString()));
        Script current = script;
        exchange.getResponseHeaders().put(HttpString.tryFromString("content-type"), current.contentType());
        OutputStream out = exchange.getOutputStream();
        try {
            for (Step step : current.steps()) {
                if (step.awaitBefore() != null && !step.awaitBefore().await(10, TimeUnit.SECONDS)) {
                    throw new IOException("test never opened the latch");
                }
                if (!step.pauseBefore().isZero()) {
                    Thread.sleep(step.pauseBefore());
                }
                out.write(step.bytes());
                out.flush();
            }
            if (current.cut()) {
                IoUtils.safeClose(exchange.getConnection());
            } else {
                out.close();
            }
        } catch (IOException e) {
            clientWentAway.set(true);
            IoUtils.safeClose(exchange.getConnection());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void play(String contentType, boolean cut, Step... steps) {
        script = new Script(contentType, new ArrayList<>(List.of(steps)), cut);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + ((InetSocketAddress) undertow.getListenerInfo().getFirst().getAddress()).getPort();
    }

    @Override
    public void close() {
        undertow.stop();
        threads.shutdownNow();
    }
}
