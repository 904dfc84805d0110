package dev.relaypool.server.gateway;

import dev.relaypool.model.Platform;
import dev.relaypool.server.config.ConfigLoader;
import dev.relaypool.server.config.RelaypoolConfig;
import dev.relaypool.server.gateway.upstream.UpstreamTrust;
import dev.relaypool.server.usage.UsageRecord;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import okhttp3.OkHttpClient;

/** The real server on a free loopback port with the gateway mounted and in-memory keys, scheduler and usage sink. */
final class TestGateway implements AutoCloseable {
    static final String ANTHROPIC_KEY = "rp-test-anthropic-key";
    static final String OPENAI_KEY = "rp-test-openai-key";
    static final String GEMINI_KEY = "rp-test-gemini-key";
    static final String DISABLED_KEY = "rp-test-disabled";
    static final String EXPIRED_KEY = "rp-test-expired";
    static final String BROKE_KEY = "rp-test-broke";

    final InMemorySelector selector = new InMemorySelector();
    final List<UsageRecord> usage = new CopyOnWriteArrayList<>();
    final OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(10)).build();
    private final GatewayRoutes routes;
    private final io.undertow.Undertow server;

    private TestGateway(Map<String, String> overrides) {
        this(overrides, Admission.OPEN);
    }

    private TestGateway(Map<String, String> overrides, Admission admission) {
        Map<String, String> env = new HashMap<>(Map.of(
                "RELAYPOOL_SERVER_HOST", "127.0.0.1",
                "RELAYPOOL_SERVER_PORT", "0",
                "RELAYPOOL_SERVER_MAX_BODY_BYTES", String.valueOf(1024 * 1024),
                "RELAYPOOL_SERVER_MAX_HEADER_BYTES", String.valueOf(16 * 1024),
                "RELAYPOOL_GATEWAY_CONNECT_TIMEOUT_MS", "2000",
                "RELAYPOOL_GATEWAY_RESPONSE_HEADER_TIMEOUT_MS", "3000",
                "RELAYPOOL_GATEWAY_STREAM_IDLE_TIMEOUT_MS", "3000",
                "RELAYPOOL_GATEWAY_MAX_ACCOUNT_SWITCHES", "2"));
        env.put("RELAYPOOL_SECURITY_ALLOW_PRIVATE_UPSTREAMS", "true"); // the scripted upstream is on loopback
        env.putAll(overrides);
        RelaypoolConfig config = ConfigLoader.load(null, env);
        Map<String, KeyLookup> keys = Map.of(
                ANTHROPIC_KEY, new KeyLookup.Active(new KeyContext(1, 11, 21, Platform.ANTHROPIC)),
                OPENAI_KEY, new KeyLookup.Active(new KeyContext(2, 12, 22, Platform.OPENAI)),
                GEMINI_KEY, new KeyLookup.Active(new KeyContext(3, 13, 23, Platform.GEMINI)),
                DISABLED_KEY, new KeyLookup.Disabled(),
                EXPIRED_KEY, new KeyLookup.Expired(),
                BROKE_KEY, new KeyLookup.OverQuota("Your monthly quota of 10.00 USD is used up."));
        routes = new GatewayRoutes(config, UpstreamTrust.load(config.gateway().upstreamCaFile()),
                new GatewayRoutes.Collaborators(
                presented -> keys.getOrDefault(presented, new KeyLookup.Unknown()),
                selector,
                key -> switch (key.platform()) {
                    case ANTHROPIC -> List.of("claude-sonnet-4-5-20250929", "claude-haiku-4-5-20251001");
                    case OPENAI -> List.of("gpt-5", "gpt-5-codex");
                    case GEMINI -> List.of("gemini-2.5-pro", "gemini-2.5-flash");
                },
                usage::add,
                Clock.systemUTC(), admission));
        // the gateway alone on Undertow (with /healthz, as RelaypoolServer mounts it): no database needed
        io.undertow.server.HttpHandler mounted = new io.undertow.server.handlers.PathHandler(routes.handler())
                .addExactPath("/healthz", dev.relaypool.server.http.HealthHandler.alive());
        server = io.undertow.Undertow.builder()
                .addHttpListener(0, "127.0.0.1")
                .setServerOption(io.undertow.UndertowOptions.MAX_HEADER_SIZE, config.server().maxHeaderBytes())
                .setServerOption(io.undertow.UndertowOptions.MAX_ENTITY_SIZE, -1L)
                .setHandler(new dev.relaypool.server.http.BodyLimitHandler(config.server().maxBodyBytes(), mounted))
                .build();
        server.start();
    }

    static TestGateway start() {
        return new TestGateway(Map.of());
    }

    static TestGateway start(Admission admission) {
        return new TestGateway(Map.of(), admission);
    }

    static TestGateway start(Map<String, String> overrides) {
        return new TestGateway(overrides);
    }

    String url(String pathAndQuery) {
        return "http://127.0.0.1:" + port() + pathAndQuery;
    }

    int port() {
        return ((java.net.InetSocketAddress) server.getListenerInfo().getFirst().getAddress()).getPort();
    }

    static UpstreamAccount account(long id, Platform platform, String baseUrl, String apiKey) {
        return new UpstreamAccount(id, platform, baseUrl, new UpstreamCredential.ApiKey(apiKey), Optional.empty());
    }

    /** Waits (bounded) for something the relay does after the client already has its answer. */
    static void eventually(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Forgets what earlier tests left, once their last requests have settled (a lease is released after its record). */
    void reset() {
        eventually(() -> selector.leasesHeld() == 0, "earlier requests to settle");
        selector.reset();
        usage.clear();
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
        server.stop();
        routes.close();
    }
}
