package dev.relaypool.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.relaypool.fake.Behaviour;
import dev.relaypool.fake.ErrorKind;
import dev.relaypool.fake.Usage;
import dev.relaypool.model.Platform;
import dev.relaypool.server.testing.PostgresExtension;
import dev.relaypool.server.testing.RelayFixture;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The relay on its real parts, scraped the way Prometheus would while requests pass through the gateway. */
class MetricsEndToEndIT {
    @RegisterExtension
    static final PostgresExtension postgres = new PostgresExtension();
    private static final MediaType JSON = MediaType.get("application/json");
    private static final Pattern METRIC_NAME =
            Pattern.compile("\\b(?:relaypool|jvm|process|system|hikaricp)_[a-z0-9_]+");
    private static RelayFixture relay;
    private final OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(20)).build();

    @BeforeAll
    static void start() {
        relay = RelayFixture.start(postgres); // no metrics.token: loopback only
    }

    @AfterAll
    static void stop() {
        relay.close();
    }

    @Test
    void countsAnAnsweredStreamWithItsLatencyFirstTokenAndTokens() throws Exception {
        RelayFixture.Member member = relay.member(Platform.ANTHROPIC);
        relay.upstream.setUsage(Usage.of(120, 30).withCacheWrite(40, 8).withCacheRead(500));
        String[] ok = {"endpoint", "/v1/messages", "platform", "anthropic", "status", "2xx", "error_class", "none"};
        Exposition before = scrape();

        try (Response response = http.newCall(anthropicStream(member.key())).execute()) {
            assertThat(response.code()).isEqualTo(200);
            response.body().string();
        }

        Exposition after = awaitScrape(m -> delta(before, m, "relaypool_requests_total", ok) == 1);
        assertThat(delta(before, after, "relaypool_requests_seconds_count", ok)).isEqualTo(1);
        assertThat(delta(before, after, "relaypool_requests_seconds_bucket", with(ok, "le", "+Inf"))).isEqualTo(1);
        assertThat(delta(before, after, "relaypool_time_to_first_token_seconds_count", "platform", "anthropic")).isEqualTo(1);
        String[] tokens = {"platform", "anthropic", "bucket"};
        assertThat(delta(before, after, "relaypool_tokens_total", with(tokens, "input"))).isEqualTo(120);
        assertThat(delta(before, after, "relaypool_tokens_total", with(tokens, "output"))).isEqualTo(30);
        assertThat(delta(before, after, "relaypool_tokens_total", with(tokens, "cache_write_5m"))).isEqualTo(40);
        assertThat(delta(before, after, "relaypool_tokens_total", with(tokens, "cache_write_1h"))).isEqualTo(8);
        assertThat(delta(before, after, "relaypool_tokens_total", with(tokens, "cache_read"))).isEqualTo(500);
    }

    @Test
    void countsAFailedUpstreamAttemptByAccountEvenWhenFailoverRescuesTheRequest() throws Exception {
        long user = relay.user(new BigDecimal("10"));
        long group = relay.group(Platform.OPENAI);
        long failing = relay.account(group, Platform.OPENAI, "sk-metrics-failing", 1);
        long healthy = relay.account(group, Platform.OPENAI, "sk-metrics-healthy", 2);
        relay.upstream.forCredential("sk-metrics-failing", Behaviour.fail(ErrorKind.SERVER_ERROR));
        String key = relay.key(user, group);
        String[] ok = {"endpoint", "/v1/chat/completions", "platform", "openai", "status", "2xx", "error_class", "none"};
        Exposition before = scrape();

        try (Response response = http.newCall(openAiChat(key)).execute()) {
            assertThat(response.code()).isEqualTo(200);
        }

        Exposition after = awaitScrape(m -> delta(before, m, "relaypool_requests_total", ok) == 1);
        assertThat(after.value("relaypool_upstream_errors_total", "account", Long.toString(failing), "class", "server_error"))
                .isEqualTo(1);
        assertThat(after.text()).doesNotContain("account=\"" + healthy + "\",class=");
    }

    @Test
    void countsARequestNoAccountCouldAnswerUnderItsErrorClass() throws Exception {
        long user = relay.user(new BigDecimal("10"));
        long group = relay.group(Platform.OPENAI);
        relay.account(group, Platform.OPENAI, "sk-metrics-overloaded", 1);
        relay.upstream.forCredential("sk-metrics-overloaded", Behaviour.fail(ErrorKind.OVERLOADED));
        String[] failed = {"endpoint", "/v1/chat/completions", "platform", "openai", "status", "5xx",
                "error_class", "overloaded"};
        Exposition before = scrape();

        try (Response response = http.newCall(openAiChat(relay.key(user, group))).execute()) {
            assertThat(response.code()).isGreaterThanOrEqualTo(500);
        }

        awaitScrape(m -> delta(before, m, "relaypool_requests_total", failed) == 1);
    }

    @Test
    void showsTheLeaseOfARequestInFlight() throws Exception {
        RelayFixture.Member member = relay.member(Platform.GEMINI);
        relay.upstream.enqueue(Behaviour.slowFirstToken(Duration.ofSeconds(3)));
        String[] account = {"account", Long.toString(member.accountId()), "platform", "gemini"};
        Request request = new Request.Builder()
                .url(relay.baseUrl() + "/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse")
                .header("x-goog-api-key", member.key())
                .post(RequestBody.create("{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}", JSON))
                .build();

        CompletableFuture<Integer> inFlight = CompletableFuture.supplyAsync(() -> {
            try (Response response = http.newCall(request).execute()) {
                response.body().string();
                return response.code();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });

        Exposition during = awaitScrape(m -> m.find("relaypool_account_leases_in_use", account).orElse(0.0) == 1);
        assertThat(during.value("relaypool_leases_in_use")).isGreaterThanOrEqualTo(1);
        assertThat(inFlight.get()).isEqualTo(200);
        awaitScrape(m -> m.find("relaypool_account_leases_in_use", account).orElse(-1.0) == 0);
    }

    @Test
    void exposesUsageBacklogJvmAndConnectionPool() throws Exception {
        Exposition metrics = scrape();

        assertThat(metrics.value("relaypool_usage_journal_unsettled")).isGreaterThanOrEqualTo(0);
        assertThat(metrics.value("relaypool_settlement_queue_depth")).isGreaterThanOrEqualTo(0);
        assertThat(metrics.value("relaypool_accounts_schedulable")).isGreaterThanOrEqualTo(0);
        assertThat(metrics.count("jvm_memory_used_bytes")).isPositive();
        assertThat(metrics.count("jvm_gc_memory_allocated_bytes_total")).isPositive();
        assertThat(metrics.value("jvm_threads_live_threads")).isPositive();
        assertThat(metrics.value("jvm_threads_virtual_parallelism")).isPositive();
        assertThat(metrics.value("jvm_classes_loaded_classes")).isPositive();
        assertThat(metrics.value("process_uptime_seconds")).isPositive();
        assertThat(metrics.value("hikaricp_connections_max", "pool", "relaypool-db")).isEqualTo(4);
    }

    @Test
    void answersLoopbackClientsButNotRequestsThatCameThroughAProxy() throws Exception {
        try (Response response = http.newCall(metrics().build()).execute()) {
            assertThat(response.code()).isEqualTo(200);
            assertThat(response.header("Content-Type")).isEqualTo(MetricsHandler.CONTENT_TYPE);
        }
        try (Response response = http.newCall(metrics().header("X-Forwarded-For", "203.0.113.9").build()).execute()) {
            assertThat(response.code()).isEqualTo(403);
            assertThat(response.body().string()).doesNotContain("relaypool_");
        }
        try (Response response = http.newCall(metrics().header("Forwarded", "for=203.0.113.9").build()).execute()) {
            assertThat(response.code()).isEqualTo(403);
        }
        try (Response response = http.newCall(metrics().post(RequestBody.create("", JSON)).build()).execute()) {
            assertThat(response.code()).isEqualTo(405);
        }
    }

    @Test
    void grafanaDashboardQueriesOnlyMetricsTheRelayExposes() throws Exception {
        long user = relay.user(new BigDecimal("10"));
        long group = relay.group(Platform.OPENAI);
        relay.account(group, Platform.OPENAI, "sk-dashboard-failing", 1);
        relay.account(group, Platform.OPENAI, "sk-dashboard-healthy", 2);
        relay.upstream.forCredential("sk-dashboard-failing", Behaviour.fail(ErrorKind.RATE_LIMITED));
        try (Response response = http.newCall(openAiChat(relay.key(user, group))).execute()) {
            assertThat(response.code()).isEqualTo(200); // a failover: every kind of series now exists
        }
        System.gc(); // GC pause meters appear with the first collection
        Exposition metrics = awaitScrape(m -> m.count("relaypool_upstream_errors_total") > 0
                && m.count("relaypool_requests_seconds_bucket") > 0 && m.count("jvm_gc_pause_seconds_count") > 0);
        Set<String> exposed = metrics.samples().keySet().stream()
                .map(sample -> sample.contains("{") ? sample.substring(0, sample.indexOf('{')) : sample)
                .collect(Collectors.toSet());

        Set<String> queried = new TreeSet<>();
        new ObjectMapper().readTree(Path.of("../deploy/grafana-dashboard.json").toFile()).findValues("expr")
                .forEach(expr -> METRIC_NAME.matcher(expr.asText()).results().forEach(m -> queried.add(m.group())));

        assertThat(queried).isNotEmpty();
        assertThat(exposed).containsAll(queried);
    }

    private Request.Builder metrics() {
        return new Request.Builder().url(relay.baseUrl() + "/metrics");
    }

    private Exposition scrape() throws IOException {
        try (Response response = http.newCall(metrics().build()).execute()) {
            assertThat(response.code()).isEqualTo(200);
            return Exposition.parse(response.body().string());
        }
    }

    /** Usage is recorded as the request finishes, possibly just after the client read its last byte. */
    private Exposition awaitScrape(Predicate<Exposition> condition) throws Exception {
        Instant deadline = Instant.now().plusSeconds(10);
        Exposition last = scrape();
        while (!condition.test(last)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("metrics did not reach the expected state within 10 s:\n" + last.text());
            }
            Thread.sleep(50);
            last = scrape();
        }
        return last;
    }

    private static double delta(Exposition before, Exposition after, String name, String... labels) {
        return after.find(name, labels).orElse(0.0) - before.find(name, labels).orElse(0.0);
    }

    private static String[] with(String[] labels, String... more) {
        String[] all = java.util.Arrays.copyOf(labels, labels.length + more.length);
        System.arraycopy(more, 0, all, labels.length, more.length);
        return all;
    }

    private Request anthropicStream(String key) {
        return new Request.Builder().url(relay.baseUrl() + "/v1/messages")
                .header("x-api-key", key)
                .header("anthropic-version", "2023-06-01")
                .post(RequestBody.create("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"stream\":true,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", JSON))
                .build();
    }

    private Request openAiChat(String key) {
        return new Request.Builder().url(relay.baseUrl() + "/v1/chat/completions")
                .header("Authorization", "Bearer " + key)
                .post(RequestBody.create("{\"model\":\"gpt-5\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", JSON))
                .build();
    }
}
