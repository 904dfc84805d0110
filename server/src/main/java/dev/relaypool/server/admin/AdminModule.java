package dev.relaypool.server.admin;

import dev.relaypool.server.api.Route;
import dev.relaypool.server.config.ConfigOption;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Front door of the admin resources under {@code /api/v1/admin/}: users and their keys, groups, upstream accounts
 * (and their tools), proxies, redeem codes, subscriptions, prices, invitation codes and usage. Every write is audited.
 */
public final class AdminModule {
    private final List<Route<?>> routes;

    public AdminModule(AdminContext ctx) {
        this(ctx, URI.create(ConfigOption.SECURITY_PROXY_TEST_URL.defaultValue()));
    }

    /** {@code proxyTestUrl}: what the proxy connectivity test fetches unless the request names a URL. */
    public AdminModule(AdminContext ctx, URI proxyTestUrl) {
        List<Route<?>> all = new ArrayList<>();
        all.addAll(new UserRoutes(ctx).routes());
        all.addAll(new UserKeyRoutes(ctx).routes());
        all.addAll(new GroupRoutes(ctx).routes());
        all.addAll(new AccountRoutes(ctx).routes());
        all.addAll(new AccountToolRoutes(ctx).routes());
        all.addAll(new ProxyRoutes(ctx, proxyTestUrl).routes());
        all.addAll(new RedeemCodeRoutes(ctx).routes());
        all.addAll(new SubscriptionRoutes(ctx).routes());
        all.addAll(new PriceRoutes(ctx).routes());
        all.addAll(new InvitationCodeRoutes(ctx).routes());
        all.addAll(new UsageAdminRoutes(ctx).routes());
        this.routes = List.copyOf(all);
    }

    public List<Route<?>> routes() {
        return routes;
    }
}
