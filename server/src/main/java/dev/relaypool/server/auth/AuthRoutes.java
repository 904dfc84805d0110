package dev.relaypool.server.auth;

import static dev.relaypool.server.api.Access.ADMIN;
import static dev.relaypool.server.api.Access.ANONYMOUS;
import static dev.relaypool.server.api.Access.MEMBER;

import dev.relaypool.model.auth.ApiKeyCreateRequest;
import dev.relaypool.model.auth.ApiKeyCreated;
import dev.relaypool.model.auth.ApiKeyView;
import dev.relaypool.model.auth.ChangePasswordRequest;
import dev.relaypool.model.auth.LoginRequest;
import dev.relaypool.model.auth.RefreshRequest;
import dev.relaypool.model.auth.RegisterRequest;
import dev.relaypool.model.auth.ServerSettings;
import dev.relaypool.model.auth.TokenResponse;
import dev.relaypool.model.auth.TotpCodeRequest;
import dev.relaypool.model.auth.TotpEnrollRequest;
import dev.relaypool.model.auth.TotpSetupResponse;
import dev.relaypool.model.auth.UserView;
import dev.relaypool.server.api.ApiRequest;
import dev.relaypool.server.api.ApiResponse;
import dev.relaypool.server.api.ApiTypes;
import dev.relaypool.server.api.ErrorCode;
import dev.relaypool.server.api.Principal;
import dev.relaypool.server.api.Route;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The routes of sign-in, the own account and the admin's auth settings; their access levels are declared here. */
final class AuthRoutes {
    /** The browser keeps the refresh token in this cookie, sent only to the auth endpoints. */
    static final String REFRESH_COOKIE = "relaypool_refresh";
    static final String COOKIE_PATH = "/api/v1/auth";

    private AuthRoutes() {}

    static List<Route<?>> routes(LoginService login, Sessions sessions, Registration registration,
                                 AccountSecurity account, AdminApiKeys apiKeys, ServerSettingsStore settings) {
        return List.of(
                Route.of("POST", "/api/v1/auth/login", ANONYMOUS, "Sign in with e-mail, password and (if on) a TOTP code",
                        LoginRequest.class, TokenResponse.class,
                        r -> login.login(r.body(), r.clientIp(), r.userAgent()).toResponse(AuthRoutes::tokens)),
                Route.of("POST", "/api/v1/auth/refresh", ANONYMOUS,
                        "New token pair for a refresh token (body or cookie); the old one is used up",
                        RefreshRequest.class, TokenResponse.class, r -> refresh(sessions, r)),
                Route.of("POST", "/api/v1/auth/logout", ANONYMOUS, "End this session (refresh token from body or cookie)",
                        RefreshRequest.class, Void.class, r -> {
                            Optional<UUID> session = r.principal().flatMap(p -> p instanceof Principal.User u
                                    ? Optional.of(u.sessionId()) : Optional.empty());
                            sessions.logout(refreshToken(r).orElse(null), session);
                            return signedOut();
                        }),
                Route.of("POST", "/api/v1/auth/logout-all", MEMBER,
                        "End every session of the caller; access tokens issued before are refused", Void.class, r -> {
                            sessions.logoutAll(r.user().userId());
                            return signedOut();
                        }),
                Route.of("POST", "/api/v1/auth/register", ANONYMOUS, "Sign up (when the registration setting allows)",
                        RegisterRequest.class, TokenResponse.class,
                        r -> registration.register(r.body(), r.clientIp(), r.userAgent()).toResponse(AuthRoutes::tokens)),
                Route.of("POST", "/api/v1/auth/totp/enroll", ANONYMOUS,
                        "An admin required to use TOTP but without it: a secret to enrol, confirmed by the next login",
                        TotpEnrollRequest.class, TotpSetupResponse.class,
                        r -> login.enrolTotp(r.body(), r.clientIp()).toResponse(ApiResponse::ok)),

                Route.of("GET", "/api/v1/me", MEMBER, "The signed-in user", UserView.class,
                        r -> account.me(r.user()).toResponse(ApiResponse::ok)),
                Route.of("POST", "/api/v1/me/password", MEMBER,
                        "Change the password; signs out every session and answers a new token pair",
                        ChangePasswordRequest.class, TokenResponse.class,
                        r -> account.changePassword(r.user(), r.body(), r.clientIp(), r.userAgent())
                                .toResponse(AuthRoutes::tokens)),
                Route.of("POST", "/api/v1/me/totp/setup", MEMBER, "A new TOTP secret (not active until enabled)",
                        TotpSetupResponse.class, r -> account.setupTotp(r.user()).toResponse(ApiResponse::ok)),
                Route.of("POST", "/api/v1/me/totp/enable", MEMBER, "Turn TOTP on with a code from the new secret",
                        TotpCodeRequest.class, UserView.class,
                        r -> account.enableTotp(r.user(), r.body().code(), r.clientIp()).toResponse(ApiResponse::ok)),
                Route.of("POST", "/api/v1/me/totp/disable", MEMBER, "Turn TOTP off with a current code",
                        TotpCodeRequest.class, UserView.class,
                        r -> account.disableTotp(r.user(), r.body().code(), r.clientIp()).toResponse(ApiResponse::ok)),

                Route.of("POST", "/api/v1/admin/api-keys", ADMIN, "Create an admin API key; the key is shown once",
                        ApiKeyCreateRequest.class, ApiKeyCreated.class,
                        r -> ApiResponse.ok(apiKeys.create(r.body().name(), r.principal().orElseThrow(), r.clientIp()))),
                Route.of("GET", "/api/v1/admin/api-keys", ADMIN, "List admin API keys", ApiTypes.listOf(ApiKeyView.class),
                        r -> ApiResponse.ok(apiKeys.list())),
                Route.of("DELETE", "/api/v1/admin/api-keys/{id}", ADMIN, "Revoke an admin API key", Void.class,
                        r -> revokeKey(apiKeys, r)),
                Route.of("GET", "/api/v1/admin/settings", ADMIN, "Operator settings", ServerSettings.class,
                        r -> ApiResponse.ok(settings.current())),
                Route.of("PUT", "/api/v1/admin/settings", ADMIN, "Change operator settings",
                        ServerSettings.class, ServerSettings.class,
                        r -> ApiResponse.ok(settings.update(r.body(), r.principal().orElseThrow(), r.clientIp()))));
    }

    private static ApiResponse refresh(Sessions sessions, ApiRequest<RefreshRequest> request) {
        Optional<String> token = refreshToken(request);
        if (token.isEmpty()) {
            return ApiResponse.error(ErrorCode.INVALID_REFRESH_TOKEN, "no refresh token in the body or cookie");
        }
        return sessions.refresh(token.get(), request.clientIp(), request.userAgent()).toResponse(AuthRoutes::tokens);
    }

    private static ApiResponse revokeKey(AdminApiKeys apiKeys, ApiRequest<Void> request) {
        long id;
        try {
            id = Long.parseLong(request.pathParameter("id"));
        } catch (NumberFormatException e) {
            return ApiResponse.error(ErrorCode.NOT_FOUND, "no such API key");
        }
        return apiKeys.revoke(id, request.principal().orElseThrow(), request.clientIp())
                ? ApiResponse.noContent() : ApiResponse.error(ErrorCode.NOT_FOUND, "no such API key");
    }

    private static Optional<String> refreshToken(ApiRequest<RefreshRequest> request) {
        return Optional.ofNullable(request.body().refreshToken()).or(() -> request.cookie(REFRESH_COOKIE));
    }

    private static ApiResponse tokens(TokenResponse tokens) {
        return ApiResponse.ok(tokens).withCookie(new ApiResponse.ResponseCookie(REFRESH_COOKIE, tokens.refreshToken(),
                COOKIE_PATH, Sessions.REFRESH_LIFETIME));
    }

    private static ApiResponse signedOut() {
        return ApiResponse.noContent().withCookie(new ApiResponse.ResponseCookie(REFRESH_COOKIE, "", COOKIE_PATH, Duration.ZERO));
    }
}
