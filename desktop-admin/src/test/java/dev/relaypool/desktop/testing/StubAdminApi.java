package dev.relaypool.desktop.testing;

import dev.relaypool.desktop.api.AdminApi;
import dev.relaypool.desktop.api.ApiResult;
import dev.relaypool.desktop.api.AuthTokens;
import dev.relaypool.desktop.api.LoginOutcome;
import dev.relaypool.desktop.api.LoginRequest;
import dev.relaypool.desktop.api.UserInfo;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A scriptable stand-in for the server. By default it behaves like a healthy server with one admin
 * (admin@example.com / secret) whose access tokens live 15 minutes; tests flip fields to make it misbehave.
 */
public final class StubAdminApi implements AdminApi {
    public static final UserInfo ADMIN = new UserInfo("u-1", "admin@example.com", "Ada Admin", "admin", "active", false);
    public static final String PASSWORD = "secret";

    private final Clock clock;
    public boolean down;
    public boolean totpRequired;
    public String totpCode = "123456";
    public Duration tooManyAttempts;
    public boolean refreshRejected;
    public Duration accessLifetime = Duration.ofMinutes(15);
    public final List<String> calls = new ArrayList<>();
    private int issued;
    private String validAccess;
    private String validRefresh;

    public StubAdminApi(Clock clock) {
        this.clock = clock;
    }

    @Override
    public LoginOutcome login(URI server, LoginRequest request) {
        calls.add("login");
        if (down) {
            return new LoginOutcome.Unreachable("Connection refused");
        }
        if (tooManyAttempts != null) {
            return new LoginOutcome.TooManyAttempts(tooManyAttempts);
        }
        if (!request.email().equals(ADMIN.email()) || !request.password().equals(PASSWORD)) {
            return new LoginOutcome.Rejected();
        }
        if (totpRequired && !totpCode.equals(request.totpCode())) {
            return new LoginOutcome.TotpRequired();
        }
        return new LoginOutcome.SignedIn(issue());
    }

    @Override
    public LoginOutcome refresh(URI server, String refreshToken) {
        calls.add("refresh");
        if (down) {
            return new LoginOutcome.Unreachable("Connection refused");
        }
        if (refreshRejected || !refreshToken.equals(validRefresh)) {
            return new LoginOutcome.Rejected();
        }
        return new LoginOutcome.SignedIn(issue());
    }

    @Override
    public void logout(URI server, String refreshToken) {
        calls.add("logout");
        validRefresh = null;
    }

    @Override
    public ApiResult<UserInfo> me(URI server, String accessToken) {
        calls.add("me");
        if (down) {
            return new ApiResult.Unreachable<>("Connection refused");
        }
        return accessToken.equals(validAccess) ? new ApiResult.Ok<>(ADMIN) : new ApiResult.Unauthorized<>();
    }

    @Override
    public ApiResult<Boolean> ready(URI server) {
        calls.add("ready");
        return down ? new ApiResult.Unreachable<>("Connection refused") : new ApiResult.Ok<>(true);
    }

    /** Simulates the server forgetting the access token (restart, revocation): the next call gets 401. */
    public void revokeAccessToken() {
        validAccess = null;
    }

    public long count(String call) {
        return calls.stream().filter(call::equals).count();
    }

    private AuthTokens issue() {
        issued++;
        validAccess = "access-" + issued;
        validRefresh = "refresh-" + issued;
        return new AuthTokens(validAccess, clock.instant().plus(accessLifetime), validRefresh,
                clock.instant().plus(Duration.ofDays(7)), ADMIN);
    }
}
