package dev.relaypool.desktop.api;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.relaypool.model.admin.InvitationCodeView;
import dev.relaypool.model.admin.InvitationCreateRequest;
import dev.relaypool.model.api.Page;
import dev.relaypool.model.auth.ServerSettings;
import java.net.URI;
import java.util.List;
import java.util.Map;

/** {@link SettingsApi} over HTTP. */
public final class HttpSettingsApi implements SettingsApi {
    private static final String PATH = "api/v1/admin/settings";
    private static final String INVITATIONS = "api/v1/admin/invitation-codes";
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

    @Override
    public ApiResult<Page<InvitationCodeView>> invitationCodes(URI server, String token, ListQuery query) {
        return rest.get(server, token, INVITATIONS, query.parameters(), new TypeReference<>() {});
    }

    @Override
    public ApiResult<List<InvitationCodeView>> createInvitationCodes(URI server, String token, InvitationCreateRequest request) {
        return rest.send(server, token, "POST", INVITATIONS, request, new TypeReference<>() {});
    }

    @Override
    public ApiResult<InvitationCodeView> disableInvitationCode(URI server, String token, long id) {
        return rest.send(server, token, "POST", INVITATIONS + "/" + id + "/disable", null, new TypeReference<>() {});
    }
}
