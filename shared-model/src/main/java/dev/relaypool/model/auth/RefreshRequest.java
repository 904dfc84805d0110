package dev.relaypool.model.auth;

/** {@code POST /api/v1/auth/refresh} and {@code /logout}; a null token means "use the refresh cookie". */
public record RefreshRequest(String refreshToken) {
    public RefreshRequest {
        refreshToken = Checks.blankToNull(refreshToken);
    }

    @Override
    public String toString() {
        return "RefreshRequest[" + (refreshToken == null ? "cookie" : "body") + "]";
    }
}
