package dev.relaypool.desktop.api;

import dev.relaypool.model.admin.GroupRequest;
import dev.relaypool.model.admin.GroupView;
import dev.relaypool.model.admin.PriceCatalogueInfo;
import dev.relaypool.model.admin.PriceOverride;
import dev.relaypool.model.admin.RedeemBatch;
import dev.relaypool.model.admin.RedeemCodeView;
import dev.relaypool.model.admin.RedeemGenerateRequest;
import dev.relaypool.model.admin.SubscriptionAssignRequest;
import dev.relaypool.model.admin.SubscriptionView;
import dev.relaypool.model.api.Page;
import dev.relaypool.model.auth.ServerSettings;
import java.net.URI;

/** The smaller admin resources: groups, redeem codes, subscriptions, prices and server settings. */
public interface DirectoryApi {
    ApiResult<Page<GroupView>> groups(URI server, String token, ListQuery query);

    ApiResult<GroupView> createGroup(URI server, String token, GroupRequest request);

    ApiResult<Page<RedeemCodeView>> redeemCodes(URI server, String token, ListQuery query);

    ApiResult<RedeemBatch> generateCodes(URI server, String token, RedeemGenerateRequest request);

    ApiResult<Page<SubscriptionView>> subscriptions(URI server, String token, ListQuery query);

    ApiResult<SubscriptionView> assignSubscription(URI server, String token, SubscriptionAssignRequest request);

    ApiResult<PriceCatalogueInfo> prices(URI server, String token);

    ApiResult<PriceOverride> savePrice(URI server, String token, String model, PriceOverride price);

    ApiResult<ServerSettings> settings(URI server, String token);

    ApiResult<ServerSettings> saveSettings(URI server, String token, ServerSettings settings);
}
