package dev.relaypool.desktop.api;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.relaypool.model.admin.RedeemBatch;
import dev.relaypool.model.admin.RedeemCodeView;
import dev.relaypool.model.admin.RedeemGenerateRequest;
import dev.relaypool.model.api.Page;
import java.io.OutputStream;
import java.net.URI;
import java.util.Map;

/** {@link RedeemCodesApi} over HTTP. */
public final class HttpRedeemCodesApi implements RedeemCodesApi {
    private static final String BASE = "api/v1/admin/redeem-codes";
    private final RestClient rest;

    public HttpRedeemCodesApi(RestClient rest) {
        this.rest = rest;
    }

    @Override
    public ApiResult<Page<RedeemCodeView>> list(URI server, String token, ListQuery query) {
        return rest.get(server, token, BASE, query.parameters(), new TypeReference<>() {});
    }

    @Override
    public ApiResult<RedeemBatch> generate(URI server, String token, RedeemGenerateRequest request) {
        return rest.send(server, token, "POST", BASE, request, new TypeReference<>() {});
    }

    @Override
    public ApiResult<RedeemCodeView> disable(URI server, String token, long id) {
        return rest.send(server, token, "POST", BASE + "/" + id + "/disable", null, new TypeReference<>() {});
    }

    @Override
    public ApiResult<Long> exportCsv(URI server, String token, String batchId, OutputStream sink) {
        return rest.download(server, token, BASE + "/export", Map.of("batchId", batchId), sink, bytes -> { }, () -> false);
    }
}
