package dev.relaypool.server.gateway.upstream;

import dev.relaypool.server.config.RelaypoolConfig;
import dev.relaypool.server.gateway.UpstreamAccount;
import dev.relaypool.server.gateway.UpstreamProxy;
import dev.relaypool.server.net.UpstreamAddressPolicy;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.ConnectionPool;
import okhttp3.Credentials;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OkHttp clients per account (and its proxy), sharing {@link #SHARDS} connection pools and one dispatcher; calls
 * take the pools in turn. One pool would do, but OkHttp looks for a connection by walking every connection of the
 * pool under each connection's lock: with thousands of HTTP/1.1 streams open (each holding its own connection),
 * new calls queued behind that walk for seconds (docs/performance.md). HTTPS upstreams speak HTTP/2 when the server
 * offers it (ALPN), so their streams share a few connections; {@link UpstreamTrust} adds the operator's CAs.
 * Redirects are never followed (a redirect would carry the account's credential elsewhere), and OkHttp never
 * retries on its own.
 * Reads and writes have no OkHttp timeout: {@link UpstreamTimeouts} keeps the calls' limits without a timer per
 * socket operation.
 */
public final class UpstreamClients implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(UpstreamClients.class);

    /** Marks a request whose client sent no User-Agent: OkHttp's own is removed, no identity is made up. */
    public record NoUserAgent() {}

    /** Connection pools, and so clients per account; calls spread over them in turn. */
    public static final int SHARDS = 16;
    /** Idle keep-alive connections kept per pool. */
    private static final int IDLE_PER_SHARD = 8;

    /** {@code http}: one client per pool. */
    private record Client(Optional<UpstreamProxy> proxy, OkHttpClient[] http) {}

    private final OkHttpClient base;
    private final ConnectionPool[] pools = new ConnectionPool[SHARDS];
    private final AtomicInteger turn = new AtomicInteger();
    private final ConcurrentMap<Long, Client> byAccount = new ConcurrentHashMap<>();

    /** {@code trust}: the operator's extra CAs ({@code gateway.upstream-ca-file}), loaded once per node. */
    public UpstreamClients(RelaypoolConfig.Gateway config, UpstreamAddressPolicy addresses, Optional<UpstreamTrust> trust) {
        for (int i = 0; i < SHARDS; i++) {
            pools[i] = new ConnectionPool(IDLE_PER_SHARD, 5, TimeUnit.MINUTES);
        }
        this.base = UpstreamTrust.clientBuilder(trust)
                .connectionPool(pools[0])
                .socketFactory(new NoDelaySockets())
                .connectTimeout(config.connectTimeout())
                .readTimeout(Duration.ZERO)
                .writeTimeout(Duration.ZERO)
                // a connection dropped after the request went out must not resend it to the same account: the
                // provider may already be working on it (and billing the account); failing over is the gateway's call
                .retryOnConnectionFailure(false)
                .followRedirects(false)
                .followSslRedirects(false)
                .dns(addresses.dns()) // re-checked at connect time: a name may resolve elsewhere than when saved
                .addNetworkInterceptor(addresses.connectionGuard())
                .addNetworkInterceptor(chain -> {
                    Request request = chain.request();
                    if (request.tag(NoUserAgent.class) != null) {
                        request = request.newBuilder().removeHeader("User-Agent").build();
                    }
                    return chain.proceed(request);
                })
                .build();
    }

    /** The account's client for one call (the pools are taken in turn). */
    public OkHttpClient forAccount(UpstreamAccount account) {
        Client client = byAccount.get(account.id());
        if (client == null || !client.proxy().equals(account.proxy())) {
            client = byAccount.compute(account.id(), (id, existing) ->
                    existing != null && existing.proxy().equals(account.proxy()) ? existing : build(account.proxy()));
        }
        return client.http()[Math.floorMod(turn.getAndIncrement(), SHARDS)];
    }

    private Client build(Optional<UpstreamProxy> proxy) {
        OkHttpClient[] http = new OkHttpClient[SHARDS];
        for (int i = 0; i < SHARDS; i++) {
            OkHttpClient.Builder builder = base.newBuilder().connectionPool(pools[i]);
            proxy.ifPresent(p -> configureProxy(builder, p));
            http[i] = builder.build();
        }
        return new Client(proxy, http);
    }

    /** Routes {@code builder}'s traffic through {@code proxy} (also used for OAuth token calls of the account). */
    public static void configureProxy(OkHttpClient.Builder builder, UpstreamProxy proxy) {
        InetSocketAddress address = InetSocketAddress.createUnresolved(proxy.host(), proxy.port());
        switch (proxy.type()) {
            case HTTP -> {
                builder.proxy(new Proxy(Proxy.Type.HTTP, address));
                if (proxy.username().isPresent()) {
                    String credentials = Credentials.basic(proxy.username().get(), proxy.password().orElse(""));
                    builder.proxyAuthenticator((route, response) ->
                            response.request().header("Proxy-Authorization") != null ? null // refused: give up
                                    : response.request().newBuilder().header("Proxy-Authorization", credentials).build());
                }
            }
            case SOCKS5 -> {
                builder.proxy(new Proxy(Proxy.Type.SOCKS, address));
                if (proxy.username().isPresent()) {
                    // the JDK's SOCKS client takes credentials only from the global Authenticator
                    log.warn("SOCKS5 proxy {}:{} has credentials, which are not supported yet; connecting without",
                            proxy.host(), proxy.port());
                }
            }
        }
    }

    @Override
    public void close() {
        base.dispatcher().executorService().shutdown();
        for (ConnectionPool pool : pools) {
            pool.evictAll();
        }
    }
}
