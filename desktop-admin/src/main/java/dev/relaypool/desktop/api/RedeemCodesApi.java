package dev.relaypool.desktop.api;

import dev.relaypool.model.admin.RedeemBatch;
import dev.relaypool.model.admin.RedeemCodeView;
import dev.relaypool.model.admin.RedeemGenerateRequest;
import dev.relaypool.model.api.Page;
import java.io.OutputStream;
import java.net.URI;

/** {@code /api/v1/admin/redeem-codes}: codes that add balance, subscription days or concurrency when redeemed. */
public interface RedeemCodesApi {
    ApiResult<Page<RedeemCodeView>> list(URI server, String token, ListQuery query);

    ApiResult<RedeemBatch> generate(URI server, String token, RedeemGenerateRequest request);

    ApiResult<RedeemCodeView> disable(URI server, String token, long id);

    /** The server's CSV of one batch, written into {@code sink}; answers the bytes written. */
    ApiResult<Long> exportCsv(URI server, String token, String batchId, OutputStream sink);
}
