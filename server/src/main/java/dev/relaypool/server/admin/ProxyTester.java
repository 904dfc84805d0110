package dev.relaypool.server.admin;

import dev.relaypool.model.admin.ProxyTestResult;
import dev.relaypool.server.gateway.UpstreamProxy;
import dev.relaypool.server.gateway.upstream.UpstreamClients;
import dev.relaypool.server.gateway.upstream.UpstreamTrust;
import dev.relaypool.server.net.UpstreamAddressPolicy;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Connects through an outbound proxy to a target URL and says whether that worked, how long it took, or what failed
 * in words. The proxy host and the target are both held to the SSRF policy; no redirect is followed, and nothing of
 * the proxy's credentials appears in the result.
 */
final class ProxyTester {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final UpstreamAddressPolicy addresses;
    private final URI defaultTarget;
    private final OkHttpClient base;

    ProxyTester(UpstreamAddressPolicy addresses, URI defaultTarget, Optional<UpstreamTrust> trust) {
        this.addresses = addresses;
        this.defaultTarget = defaultTarget;
        this.base = UpstreamTrust.clientBuilder(trust)
                .connectTimeout(TIMEOUT).readTimeout(TIMEOUT).callTimeout(TIMEOUT.multipliedBy(2))
                .followRedirects(false).followSslRedirects(false).retryOnConnectionFailure(false)
                .dns(addresses.dns())
                .build();
    }

    /** The target a request names is checked by the caller ({@link #refusal}); the default is the operator's own. */
    URI target(Optional<String> requested) {
        return requested.map(URI::create).orElse(defaultTarget);
    }

    /** Why the policy forbids testing {@code target}, empty when it may be fetched. */
    Optional<String> refusal(String target) {
        return switch (addresses.checkBaseUrl(target)) {
            case UpstreamAddressPolicy.Verdict.Refused(String reason) -> Optional.of("target refused: " + reason);
            default -> Optional.empty();
        };
    }

    ProxyTestResult test(UpstreamProxy proxy, URI target) {
        if (addresses.checkProxyHost(proxy.host()) instanceof UpstreamAddressPolicy.Verdict.Refused(String reason)) {
            return failed(target, 0, "the proxy's host is refused by the address policy: " + reason);
        }
        OkHttpClient.Builder builder = base.newBuilder();
        UpstreamClients.configureProxy(builder, proxy);
        OkHttpClient client = builder.build();
        long start = System.nanoTime();
        try (Response response = client.newCall(new Request.Builder().url(target.toString()).get().build()).execute()) {
            long elapsed = millisSince(start);
            if (response.code() == 407) {
                return new ProxyTestResult(false, target.toString(), 407, elapsed,
                        "the proxy refused the credentials (407 Proxy Authentication Required)");
            }
            return new ProxyTestResult(true, target.toString(), response.code(), elapsed,
                    "reached " + target.getHost() + " through the proxy (HTTP " + response.code() + ")");
        } catch (IOException e) {
            return failed(target, millisSince(start), describe(e, proxy));
        } finally {
            client.connectionPool().evictAll();
        }
    }

    private static String describe(IOException e, UpstreamProxy proxy) {
        String where = proxy.type().name().toLowerCase(java.util.Locale.ROOT) + " proxy " + proxy.host() + ":" + proxy.port();
        return switch (e) {
            case ConnectException c -> "could not connect to the " + where + " (" + c.getMessage() + ")";
            case UnknownHostException u -> "a host does not resolve or is not allowed: " + u.getMessage();
            case InterruptedIOException t -> "timed out after " + TIMEOUT.toSeconds() + " s going through the " + where;
            default -> "going through the " + where + " failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")");
        };
    }

    private static ProxyTestResult failed(URI target, long elapsed, String message) {
        return new ProxyTestResult(false, target.toString(), null, elapsed, message);
    }

    private static long millisSince(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
    }
}
