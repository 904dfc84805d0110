package dev.relaypool.server.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.fake.Behaviour;
import dev.relaypool.model.Platform;
import dev.relaypool.server.testing.PostgresExtension;
import dev.relaypool.server.testing.RelayFixture;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A streaming request that waits for a busy account's slot gets SSE keep-alive comments (the first after 1 s)
 * instead of silence; a non-streaming one waits silently as before. The account wait is 4 s here.
 */
class KeepAliveIT {
    private static final String PING = ": keep-alive\n\n";

    @RegisterExtension
    static final PostgresExtension postgres = new PostgresExtension();
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final ExecutorService THREADS = Executors.newVirtualThreadPerTaskExecutor();
    private static RelayFixture relay;

    @BeforeAll
    static void start() {
        relay = RelayFixture.start(postgres, Map.of("RELAYPOOL_SCHEDULING_PROBE_INTERVAL_SECONDS", "0",
                "RELAYPOOL_SCHEDULING_ACCOUNT_WAIT_MS", "4000"));
    }

    @AfterAll
    static void stop() {
        relay.close();
        THREADS.shutdownNow();
    }

    /** A member whose group has one account of concurrency 1, busy with a stream whose first token takes {@code slow}. */
    private record Busy(String key, long account, CompletableFuture<PoolClient.Answer> first) {}

    private static Busy busyAccount(Duration slow) throws InterruptedException {
        long user = relay.user(new BigDecimal("10"));
        long group = relay.group(Platform.ANTHROPIC);
        String credential = "sk-keepalive-" + SEQUENCE.incrementAndGet();
        long account = PoolClient.account(relay.server, relay.upstream.baseUrl(), group, Platform.ANTHROPIC, credential,
                1, 1, Map.of());
        String key = relay.key(user, group);
        relay.upstream.forCredential(credential, Behaviour.slowFirstToken(slow));
        CompletableFuture<PoolClient.Answer> first = CompletableFuture.supplyAsync(() -> send(key, true), THREADS);
        SchedulingIT.awaitTrue(() -> inUse(account) == 1);
        assertThat(inUse(account)).isEqualTo(1);
        return new Busy(key, account, first);
    }

    private static int inUse(long account) {
        return relay.server.parts().coordination().leases().inUse(PoolSelector.leaseKey(account));
    }

    private static PoolClient.Answer send(String key, boolean stream) {
        try {
            return PoolClient.send(PoolClient.request(relay.baseUrl(), Platform.ANTHROPIC, key, stream, Map.of()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aStreamingWaiterGetsKeepAliveCommentsThenTheWholeAnswer() throws Exception {
        Busy busy = busyAccount(Duration.ofMillis(2500));

        PoolClient.Answer waiter = send(busy.key(), true);

        assertThat(waiter.status()).isEqualTo(200);
        assertThat(waiter.headers().get("content-type")).startsWith("text/event-stream");
        assertThat(waiter.headers().get("cache-control")).isEqualTo("no-cache");
        assertThat(waiter.body()).startsWith(PING);
        String answer = waiter.body().replace(PING, "");
        assertThat(answer).startsWith("event: message_start").contains("message_stop").doesNotContain("event: error");
        assertThat(busy.first().get().body()).doesNotContain(PING).contains("message_stop");
        SchedulingIT.awaitTrue(() -> inUse(busy.account()) == 0);
        assertThat(inUse(busy.account())).isZero();
    }

    @Test
    void aStreamingWaiterWhoseWaitRunsOutGetsAnInBandErrorAfterTheStatusLine() throws Exception {
        Busy busy = busyAccount(Duration.ofMillis(6000));

        PoolClient.Answer waiter = send(busy.key(), true);

        assertThat(waiter.status()).isEqualTo(200);
        assertThat(waiter.body()).startsWith(PING).contains("event: error").contains("rate_limit_error")
                .doesNotContain("message_stop");
        assertThat(busy.first().get().body()).contains("message_stop");
    }

    @Test
    void aNonStreamingWaiterStillGets429WithRetryAfter() throws Exception {
        Busy busy = busyAccount(Duration.ofMillis(6000));

        PoolClient.Answer waiter = send(busy.key(), false);

        assertThat(waiter.status()).isEqualTo(429);
        assertThat(waiter.headers()).containsKey("retry-after");
        assertThat(waiter.body()).doesNotContain(PING).contains("rate_limit_error");
        assertThat(busy.first().get().status()).isEqualTo(200);
    }
}
