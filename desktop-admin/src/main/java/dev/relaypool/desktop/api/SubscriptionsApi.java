package dev.relaypool.desktop.api;

import dev.relaypool.model.admin.SubscriptionAssignRequest;
import dev.relaypool.model.admin.SubscriptionExtendRequest;
import dev.relaypool.model.admin.SubscriptionView;
import dev.relaypool.model.api.Page;
import dev.relaypool.model.member.SubscriptionProgress;
import java.net.URI;

/** {@code /api/v1/admin/subscriptions}: users' subscriptions to subscription-billed groups. */
public interface SubscriptionsApi {
    ApiResult<Page<SubscriptionView>> list(URI server, String token, ListQuery query);

    /** Gives a user days of a group; extends the one already active. */
    ApiResult<SubscriptionView> assign(URI server, String token, SubscriptionAssignRequest request);

    ApiResult<SubscriptionView> extend(URI server, String token, long id, SubscriptionExtendRequest request);

    ApiResult<SubscriptionView> revoke(URI server, String token, long id);

    /** Spend in the current windows against the group's limits, and when each window resets. */
    ApiResult<SubscriptionProgress> progress(URI server, String token, long id);
}
