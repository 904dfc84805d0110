package dev.relaypool.server.net;

import dev.relaypool.server.config.RelaypoolConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import okhttp3.Connection;
import okhttp3.Dns;
import okhttp3.Interceptor;

/**
 * Where the relay may send an account's traffic (server-side request forgery guard). Account base URLs and proxy
 * hosts are checked when they are created or edited: every address a host resolves to must be public unless
 * {@code security.allow-private-upstreams}, and base URLs must be https unless {@code security.allow-http-upstreams}.
 * Because a name may resolve differently later (DNS rebinding), {@link #dns()} filters again at connect time and
 * {@link #connectionGuard()} checks the address a connection actually reached.
 */
public final class UpstreamAddressPolicy {

    /** Name resolution; the system resolver in production, a table in tests. */
    @FunctionalInterface
    public interface Resolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;

        Resolver SYSTEM = host -> Arrays.asList(InetAddress.getAllByName(host));
    }

    /** The outcome of a check: allowed, or refused with a reason fit to show the operator. */
    public sealed interface Verdict {
        record Allowed() implements Verdict {}

        record Refused(String reason) implements Verdict {
            public Refused {
                Objects.requireNonNull(reason, "reason");
            }
        }
    }

    private static final Verdict ALLOWED = new Verdict.Allowed();

    private final boolean allowPrivate;
    private final boolean allowHttp;
    private final Resolver resolver;

    public UpstreamAddressPolicy(boolean allowPrivate, boolean allowHttp, Resolver resolver) {
        this.allowPrivate = allowPrivate;
        this.allowHttp = allowHttp;
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    public static UpstreamAddressPolicy fromConfig(RelaypoolConfig.Security security) {
        return new UpstreamAddressPolicy(security.allowPrivateUpstreams(), security.allowHttpUpstreams(), Resolver.SYSTEM);
    }

    /** An account's base URL: http(s) only (https unless allowed), no user info or query, and a permitted host. */
    public Verdict checkBaseUrl(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (java.net.URISyntaxException | NullPointerException e) {
            return new Verdict.Refused("the base URL is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && allowHttp)) {
            return new Verdict.Refused(scheme.equals("http")
                    ? "the base URL must use https (plain http needs security.allow-http-upstreams)"
                    : "the base URL must be an https URL");
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return new Verdict.Refused("the base URL must not carry user info, a query or a fragment");
        }
        if (uri.getHost() == null) {
            return new Verdict.Refused("the base URL has no host");
        }
        return checkHost(uri.getHost());
    }

    /** A proxy's host (the port is not a concern of this policy). */
    public Verdict checkProxyHost(String host) {
        return checkHost(host);
    }

    /** Whether traffic may go to {@code host}: a literal is judged as written, a name by every address it has. */
    public Verdict checkHost(String host) {
        if (host == null) {
            return new Verdict.Refused("no host");
        }
        return switch (HostLiteral.parse(host)) {
            case HostLiteral.Parsed.Invalid invalid -> new Verdict.Refused(invalid.reason());
            case HostLiteral.Parsed.Address literal -> check(host, List.of(literal.address()));
            case HostLiteral.Parsed.Name name -> {
                if (allowPrivate) {
                    yield ALLOWED; // nothing to refuse, so no lookup (the name may only resolve where the relay runs)
                }
                try {
                    yield check(host, resolver.resolve(name.name()));
                } catch (UnknownHostException e) {
                    yield new Verdict.Refused("'" + host + "' does not resolve, so its addresses cannot be checked");
                }
            }
        };
    }

    private Verdict check(String host, List<InetAddress> addresses) {
        if (addresses.isEmpty()) {
            return new Verdict.Refused("'" + host + "' has no address");
        }
        for (InetAddress address : addresses) {
            if (!permitted(address)) {
                return new Verdict.Refused("'" + host + "' is a " + describe(AddressClass.of(address))
                        + " address (" + address.getHostAddress() + "); allowed only with security.allow-private-upstreams");
            }
        }
        return ALLOWED;
    }

    public boolean permitted(InetAddress address) {
        return allowPrivate || AddressClass.of(address) == AddressClass.PUBLIC;
    }

    private static String describe(AddressClass addressClass) {
        return addressClass.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** OkHttp name resolution that drops refused addresses, and fails when none is left. */
    public Dns dns() {
        return hostname -> {
            List<InetAddress> resolved = resolver.resolve(hostname);
            List<InetAddress> kept = resolved.stream().filter(this::permitted).toList();
            if (kept.isEmpty()) {
                throw new UnknownHostException(hostname + " resolves only to addresses the relay may not reach");
            }
            return kept;
        };
    }

    /**
     * A network interceptor that refuses to send a request over a connection to a refused address: covers IP
     * literals, which OkHttp connects to without asking {@link #dns()}.
     */
    public Interceptor connectionGuard() {
        return chain -> {
            Connection connection = chain.connection();
            if (connection != null && !allowPrivate) {
                InetSocketAddress target = connection.route().socketAddress();
                if (target.getAddress() != null && !permitted(target.getAddress())) {
                    throw new IOException("refused to send to " + target.getAddress().getHostAddress()
                            + ": not a public address");
                }
            }
            return chain.proceed(chain.request());
        };
    }
}
