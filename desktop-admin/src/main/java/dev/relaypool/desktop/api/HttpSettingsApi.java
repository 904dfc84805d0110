package dev.relaypool.desktop.api;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.relaypool.model.auth.ServerSettings;
import java.net.URI;
import java.util.Map;

/** {@link SettingsApi} over HTTP. */
public final class HttpSettingsApi implements SettingsApi {
    private static final String PATH = "api/v1/admin/settings";
    private final RestClient rest;

    public HttpSettingsApi(RestClient rest) {
        this.rest = rest;
    }

    @Override
    public ApiResult<ServerSettings> get(URI server, String token) {
        return rest.get(server, token, PATH, Map.of(), new TypeReference<>() {});
    }

    @Override
    public ApiResult<ServerSettings> save(URI server, String token, ServerSettings settings) {
        return rest.send(server, token, "PUT", PATH, settings, new TypeReference<>() {});
    }
}
