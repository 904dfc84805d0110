package dev.relaypool.desktop.screenshots;

import dev.relaypool.desktop.api.AdminApi;
import dev.relaypool.desktop.api.ApiResult;
import dev.relaypool.desktop.api.AuthTokens;
import dev.relaypool.desktop.api.LoginOutcome;
import dev.relaypool.desktop.api.LoginRequest;
import dev.relaypool.desktop.api.UserInfo;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;

/** A pretend server for the screenshot run: one admin, any password, answers instantly. */
final class DemoAdminApi implements AdminApi {
    static final UserInfo USER = new UserInfo("1", "grace@example.com", "Grace Hopper", "admin", "active", true);

    private final Clock clock;
    final DemoResources resources;
    boolean totpRequired;
    boolean sessionsExpired;

    DemoAdminApi(Clock clock) {
        this.clock = clock;
        this.resources = new DemoResources(clock).seeded();
    }

    dev.relaypool.desktop.api.AdminResources resources() {
        return resources.resources();
    }

    @Override
    public LoginOutcome login(URI server, LoginRequest request) {
        if (totpRequired && request.totpCode() == null) {
            return new LoginOutcome.TotpRequired();
        }
        sessionsExpired = false;
        return new LoginOutcome.SignedIn(new AuthTokens("demo-access", clock.instant().plus(Duration.ofMinutes(15)),
                "demo-refresh", clock.instant().plus(Duration.ofDays(7)), USER));
    }

    @Override
    public LoginOutcome refresh(URI server, String refreshToken) {
        return sessionsExpired ? new LoginOutcome.Rejected() : login(server, new LoginRequest(USER.email(), "", "000000"));
    }

    @Override
    public void logout(URI server, String refreshToken) {}

    @Override
    public ApiResult<UserInfo> me(URI server, String accessToken) {
        return sessionsExpired ? new ApiResult.Unauthorized<>() : new ApiResult.Ok<>(USER);
    }

    @Override
    public ApiResult<Boolean> ready(URI server) {
        return new ApiResult.Ok<>(true);
    }
}
