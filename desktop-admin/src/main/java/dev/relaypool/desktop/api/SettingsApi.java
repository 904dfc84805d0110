package dev.relaypool.desktop.api;

import dev.relaypool.model.auth.ServerSettings;
import java.net.URI;

/** {@code /api/v1/admin/settings}: the operator settings kept in the server's database. */
public interface SettingsApi {
    ApiResult<ServerSettings> get(URI server, String token);

    ApiResult<ServerSettings> save(URI server, String token, ServerSettings settings);
}
