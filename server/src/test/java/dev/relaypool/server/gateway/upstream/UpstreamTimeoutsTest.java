package dev.relaypool.server.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a socket server on loopback that answers as slowly as each test wants. */
class UpstreamTimeoutsTest {
    private final OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ZERO).retryOnConnectionFailure(false).build();
    private final UpstreamTimeouts timeouts = new UpstreamTimeouts("test-timeouts");
    private ServerSocket server;

    @BeforeEach
    void listen() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void close() throws IOException {
        timeouts.close();
        server.close();
        http.connectionPool().evictAll();
    }

    @Test
    void aCallWithoutHeadersIsCancelledAtTheHeaderLimitAndSaysSo() throws Exception {
        Thread.ofVirtual().start(() -> serve(Duration.ofSeconds(30), 0, Duration.ZERO)); // never answers in time
        Call call = http.newCall(request());
        UpstreamTimeouts.Watch watch = timeouts.watch(call, Duration.ofMillis(300));
        long start = System.nanoTime();
        assertThatThrownBy(call::execute).isInstanceOf(IOException.class);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(watch.expired()).isTrue();
        assertThat(took).isBetween(Duration.ofMillis(300), Duration.ofMillis(300 + 1_000));
        assertThat(timeouts.watching()).isZero();
    }

    @Test
    void readsThatKeepComingKeepAStreamAliveAndSilenceEndsIt() throws Exception {
        // headers at once, then a chunk every 100 ms for 1 s (each well inside the 400 ms idle limit), then silence
        Thread.ofVirtual().start(() -> serve(Duration.ZERO, 10, Duration.ofMillis(100)));
        Call call = http.newCall(request());
        UpstreamTimeouts.Watch watch = timeouts.watch(call, Duration.ofSeconds(5));
        try (Response response = call.execute(); watch) {
            watch.reading(Duration.ofMillis(400));
            InputStream in = watch.watching(response.body().byteStream());
            byte[] buffer = new byte[64];
            int chunks = 0;
            long start = System.nanoTime();
            try {
                for (int read; (read = in.read(buffer)) != -1; ) {
                    chunks += read > 0 ? 1 : 0;
                }
            } catch (IOException e) {
                // the silence after the last chunk
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(chunks).isGreaterThanOrEqualTo(10);
            assertThat(watch.expired()).isTrue();
            assertThat(took).isBetween(Duration.ofMillis(1_000 + 400 - 100), Duration.ofMillis(1_000 + 400 + 1_000));
        }
    }

    @Test
    void aClosedWatchNeverCancels() throws Exception {
        Thread.ofVirtual().start(() -> serve(Duration.ofMillis(400), 1, Duration.ZERO));
        Call call = http.newCall(request());
        UpstreamTimeouts.Watch watch = timeouts.watch(call, Duration.ofMillis(100));
        watch.close(); // e.g. the attempt ended another way; a late sweep must not touch the call
        try (Response response = call.execute()) {
            assertThat(response.body().string()).isEqualTo("x");
        }
        assertThat(watch.expired()).isFalse();
    }

    private Request request() {
        return new Request.Builder().url("http://127.0.0.1:" + server.getLocalPort() + "/").build();
    }

    /** One connection: waits {@code beforeHeaders}, then sends {@code chunks} one-byte chunks {@code every} apart. */
    private void serve(Duration beforeHeaders, int chunks, Duration every) {
        try (Socket socket = server.accept()) {
            InputStream in = socket.getInputStream();
            in.read(new byte[8192]);
            Thread.sleep(beforeHeaders);
            OutputStream out = socket.getOutputStream();
            String head = chunks == 1 && every.isZero()
                    ? "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n" : "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            if (chunks == 1 && every.isZero()) {
                out.write('x');
                out.flush();
            } else {
                for (int i = 0; i < chunks; i++) {
                    Thread.sleep(every);
                    out.write("1\r\nx\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            }
            Thread.sleep(5_000); // silent, connection open
        } catch (IOException | InterruptedException e) {
            // the test is over
        }
    }
}
