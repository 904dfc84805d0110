package dev.relaypool.server.accounts.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.relaypool.model.Platform;
import dev.relaypool.server.config.RelaypoolConfig.OAuthClient;
import dev.relaypool.server.gateway.UpstreamProxy;
import dev.relaypool.server.gateway.upstream.UpstreamClients;
import dev.relaypool.server.gateway.upstream.UpstreamTrust;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import okhttp3.FormBody;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Calls a provider's OAuth token endpoint (RFC 6749 §4.1.3 code exchange with PKCE, §6 refresh), through the
 * account's proxy when it has one so the provider sees the account always coming from the same place. Anthropic's
 * endpoint takes a JSON body; the others the standard form encoding. Redirects are not followed.
 */
final class TokenEndpoint implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MediaType JSON_TYPE = MediaType.get("application/json");

    private final OkHttpClient direct;
    private final ConcurrentMap<UpstreamProxy, OkHttpClient> viaProxy = new ConcurrentHashMap<>();

    /** {@code trust}: the operator's extra CAs ({@code gateway.upstream-ca-file}), as for the gateway's calls. */
    TokenEndpoint(Duration timeout, Optional<UpstreamTrust> trust) {
        this.direct = UpstreamTrust.clientBuilder(trust).callTimeout(timeout).followRedirects(false).followSslRedirects(false).build();
    }

    TokenResponse exchangeCode(Platform platform, OAuthClient client, String code, String verifier, String state,
                               Optional<UpstreamProxy> proxy) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("grant_type", "authorization_code");
        params.put("code", code);
        params.put("redirect_uri", client.redirectUri().map(Object::toString).orElse(""));
        params.put("code_verifier", verifier);
        if (platform == Platform.ANTHROPIC) {
            params.put("state", state);
        }
        return post(platform, client, params, proxy);
    }

    TokenResponse refresh(Platform platform, OAuthClient client, String refreshToken, Optional<UpstreamProxy> proxy) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("grant_type", "refresh_token");
        params.put("refresh_token", refreshToken);
        return post(platform, client, params, proxy);
    }

    private TokenResponse post(Platform platform, OAuthClient client, Map<String, String> params,
                               Optional<UpstreamProxy> proxy) {
        if (!client.clientId().isBlank()) {
            params.put("client_id", client.clientId());
        }
        client.clientSecret().ifPresent(secret -> params.put("client_secret", secret));
        Request request = new Request.Builder().url(client.tokenUrl().toString())
                .header("Accept", "application/json")
                .post(body(platform, params))
                .build();
        OkHttpClient http = proxy.map(p -> viaProxy.computeIfAbsent(p, this::throughProxy)).orElse(direct);
        try (Response response = http.newCall(request).execute()) {
            String text = response.body().string();
            return interpret(response.code(), text);
        } catch (IOException e) {
            return new TokenResponse.Unavailable("token endpoint unreachable: " + e.getClass().getSimpleName());
        }
    }

    private static RequestBody body(Platform platform, Map<String, String> params) {
        if (platform == Platform.ANTHROPIC) {
            return RequestBody.create(JSON.valueToTree(params).toString(), JSON_TYPE);
        }
        FormBody.Builder form = new FormBody.Builder();
        params.forEach(form::add);
        return form.build();
    }

    static TokenResponse interpret(int status, String text) {
        JsonNode json;
        try {
            json = JSON.readTree(text);
        } catch (IOException e) {
            json = null;
        }
        if (status >= 200 && status < 300) {
            String access = json == null ? null : json.path("access_token").asText(null);
            if (!printableToken(access)) {
                return new TokenResponse.Unavailable("the token endpoint answered " + status + " without a usable access_token");
            }
            String refresh = json.path("refresh_token").asText(null);
            long expiresIn = json.path("expires_in").asLong(0);
            return new TokenResponse.Issued(access, Optional.ofNullable(refresh).filter(TokenEndpoint::printableToken),
                    expiresIn > 0 ? Optional.of(Duration.ofSeconds(expiresIn)) : Optional.empty());
        }
        if ((status == 400 || status == 401 || status == 403) && json != null && json.hasNonNull("error")) {
            JsonNode error = json.get("error");
            // most providers send {"error": "invalid_grant"}; some nest {"error": {"type": ..., "message": ...}}
            String code = error.isTextual() ? error.asText() : error.path("type").asText("error");
            String description = json.path("error_description").asText(error.path("message").asText(""));
            return new TokenResponse.Rejected(code, description);
        }
        if (status == 400 || status == 401 || status == 403) {
            return new TokenResponse.Rejected("http_" + status, "the token endpoint refused the request");
        }
        return new TokenResponse.Unavailable("the token endpoint answered " + status);
    }

    /** A token must be fit for an HTTP header, or it would break the account snapshot later. */
    private static boolean printableToken(String token) {
        return token != null && !token.isBlank() && token.chars().allMatch(c -> c >= 0x21 && c <= 0x7e);
    }

    private OkHttpClient throughProxy(UpstreamProxy proxy) {
        OkHttpClient.Builder builder = direct.newBuilder();
        UpstreamClients.configureProxy(builder, proxy);
        return builder.build();
    }

    @Override
    public void close() {
        direct.dispatcher().executorService().shutdown();
        direct.connectionPool().evictAll();
    }
}
