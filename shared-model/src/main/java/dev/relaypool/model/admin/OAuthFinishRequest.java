package dev.relaypool.model.admin;

import java.util.Objects;

/**
 * {@code POST /admin/accounts/oauth/finish}: what the redirect carried ({@code code}, the redirect URL, or
 * {@code code#state}) and the flow's {@code state} when the caller knows it. {@code toString} hides the code.
 */
public record OAuthFinishRequest(String state, String code) {
    public OAuthFinishRequest {
        Objects.requireNonNull(code, "code");
        state = state == null || state.isBlank() ? null : state;
    }

    @Override
    public String toString() {
        return "OAuthFinishRequest[state=" + state + ", code=****]";
    }
}
