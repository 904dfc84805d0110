package dev.relaypool.desktop.api;

import dev.relaypool.model.api.Page;
import dev.relaypool.model.member.KeyCreateRequest;
import dev.relaypool.model.member.KeyCreated;
import dev.relaypool.model.member.KeyView;
import java.net.URI;

/** Relay keys of every member ({@code /api/v1/admin/users/{id}/keys}). */
public interface KeysApi {
    /** Filters: {@code userId} (one member), {@code status}; {@code q} matches name or prefix. */
    ApiResult<Page<KeyView>> list(URI server, String token, ListQuery query);

    /** The answer holds the full key; it is shown once and never again. */
    ApiResult<KeyCreated> create(URI server, String token, long userId, KeyCreateRequest request);

    ApiResult<Void> setEnabled(URI server, String token, KeyView key, boolean enabled);

    ApiResult<Void> revoke(URI server, String token, KeyView key);
}
