package dev.relaypool.desktop.api;

import dev.relaypool.model.admin.InvitationCodeView;
import dev.relaypool.model.admin.InvitationCreateRequest;
import dev.relaypool.model.api.Page;
import dev.relaypool.model.auth.ServerSettings;
import java.net.URI;
import java.util.List;

/**
 * {@code /api/v1/admin/settings}: the operator settings kept in the server's database, and
 * {@code /api/v1/admin/invitation-codes}, the codes sign-up asks for in {@code invitation} mode.
 */
public interface SettingsApi {
    ApiResult<ServerSettings> get(URI server, String token);

    ApiResult<ServerSettings> save(URI server, String token, ServerSettings settings);

    ApiResult<Page<InvitationCodeView>> invitationCodes(URI server, String token, ListQuery query);

    ApiResult<List<InvitationCodeView>> createInvitationCodes(URI server, String token, InvitationCreateRequest request);

    ApiResult<InvitationCodeView> disableInvitationCode(URI server, String token, long id);
}
