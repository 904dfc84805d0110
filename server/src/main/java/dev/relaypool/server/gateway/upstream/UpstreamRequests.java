package dev.relaypool.server.gateway.upstream;

import dev.relaypool.model.Platform;
import dev.relaypool.server.gateway.UpstreamAccount;
import dev.relaypool.server.gateway.UpstreamCredential;
import java.util.Locale;
import java.util.Map;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/** Builds the upstream HTTP request: allow-listed client headers plus the account's credential, nothing else. */
final class UpstreamRequests {
    /** Anthropic accepts OAuth access tokens only with this beta flag. */
    static final String ANTHROPIC_OAUTH_BETA = "oauth-2025-04-20";

    private UpstreamRequests() {}

    static Request build(UpstreamAccount account, OutboundRequest outbound) {
        Headers.Builder headers = new Headers.Builder();
        String contentType = null;
        boolean userAgent = false;
        for (Map.Entry<String, String> header : outbound.clientHeaders()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!HeaderPolicy.forwardsRequestHeader(name)) {
                continue;
            }
            userAgent |= name.equals("user-agent");
            if (name.equals("content-type")) {
                contentType = header.getValue();
            }
            headers.addUnsafeNonAscii(name, header.getValue());
        }
        applyCredential(account, headers);
        Request.Builder request = new Request.Builder()
                .url(HttpUrl.get(account.baseUrl() + outbound.pathAndQuery()))
                .headers(headers.build());
        if (!userAgent) {
            request.tag(UpstreamClients.NoUserAgent.class, new UpstreamClients.NoUserAgent());
        }
        if (outbound.body() == null) {
            request.method(outbound.method(), null);
        } else {
            MediaType type = contentType == null ? null : MediaType.parse(contentType);
            request.method(outbound.method(), RequestBody.create(outbound.body(),
                    type != null ? type : MediaType.get("application/json")));
        }
        return request.build();
    }

    private static void applyCredential(UpstreamAccount account, Headers.Builder headers) {
        Platform platform = account.platform();
        switch (account.credential()) {
            case UpstreamCredential.ApiKey(String key) -> {
                switch (platform) {
                    case ANTHROPIC -> headers.set("x-api-key", key);
                    case OPENAI -> headers.set("authorization", "Bearer " + key);
                    case GEMINI -> headers.set("x-goog-api-key", key);
                }
            }
            case UpstreamCredential.OAuthBearer(String token) -> {
                headers.set("authorization", "Bearer " + token);
                if (platform == Platform.ANTHROPIC) {
                    String beta = headers.get("anthropic-beta");
                    if (beta == null || beta.isBlank()) {
                        headers.set("anthropic-beta", ANTHROPIC_OAUTH_BETA);
                    } else if (!beta.contains(ANTHROPIC_OAUTH_BETA)) {
                        headers.set("anthropic-beta", beta + "," + ANTHROPIC_OAUTH_BETA);
                    }
                }
            }
        }
    }
}
