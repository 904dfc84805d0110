package dev.relaypool.desktop.api;

import java.net.URI;

/**
 * The server's admin REST API as the desktop app sees it. Every method blocks (call it off the UI thread) and
 * returns an outcome value instead of throwing for anything a server or network can do.
 */
public interface AdminApi {
    LoginOutcome login(URI server, LoginRequest request);

    LoginOutcome refresh(URI server, String refreshToken);

    /** Best effort: the session ends locally whatever the server says. */
    void logout(URI server, String refreshToken);

    ApiResult<UserInfo> me(URI server, String accessToken);

    /** {@code GET /readyz}: {@code Ok(true)} when ready, {@code Ok(false)} when up but not ready. */
    ApiResult<Boolean> ready(URI server);
}
