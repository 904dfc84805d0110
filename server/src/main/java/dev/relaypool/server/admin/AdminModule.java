package dev.relaypool.server.admin;

import dev.relaypool.server.accounts.oauth.OAuthFlows;
import dev.relaypool.server.api.Route;
import dev.relaypool.server.gateway.upstream.UpstreamTrust;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Front door of the admin resources under {@code /api/v1/admin/}: users and their keys, groups, upstream accounts
 * (and their tools), proxies, redeem codes, subscriptions, prices, invitation codes and usage. Every write is audited.
 */
public final class AdminModule {
    private final List<Route<?>> routes;

    /**
     * {@code flows}: the OAuth sign-in of accounts, offered as {@code accounts/oauth/*}; {@code proxyTestUrl}: what
     * the proxy connectivity test fetches unless the request names a URL; {@code trust}: the operator's extra CAs
     * for that fetch ({@code gateway.upstream-ca-file}).
     */
    public AdminModule(AdminContext ctx, OAuthFlows flows, URI proxyTestUrl,
                       Optional<UpstreamTrust> trust) {
        List<Route<?>> all = new ArrayList<>();
        all.addAll(new UserRoutes(ctx).routes());
        all.addAll(new UserKeyRoutes(ctx).routes());
        all.addAll(new GroupRoutes(ctx).routes());
        all.addAll(new AccountRoutes(ctx).routes());
        all.addAll(new AccountToolRoutes(ctx).routes());
        all.addAll(new ProxyRoutes(ctx, proxyTestUrl, trust).routes());
        all.addAll(new RedeemCodeRoutes(ctx).routes());
        all.addAll(new SubscriptionRoutes(ctx).routes());
        all.addAll(new PriceRoutes(ctx).routes());
        all.addAll(new InvitationCodeRoutes(ctx).routes());
        all.addAll(new UsageAdminRoutes(ctx).routes());
        all.addAll(new AccountOAuthRoutes(ctx, flows).routes());
        this.routes = List.copyOf(all);
    }

    public List<Route<?>> routes() {
        return routes;
    }
}
