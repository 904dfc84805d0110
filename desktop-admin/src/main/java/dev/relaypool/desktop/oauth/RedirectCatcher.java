package dev.relaypool.desktop.oauth;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * Watches the embedded browser's address for the provider's redirect back: the configured redirect URI (read from the
 * authorisation URL's {@code redirect_uri}) or any page whose query carries this flow's {@code state}. The code is
 * taken from there, so the operator never copies it by hand.
 */
public record RedirectCatcher(Optional<String> redirectUri, String state) {
    public RedirectCatcher {
        Objects.requireNonNull(redirectUri, "redirectUri");
        Objects.requireNonNull(state, "state");
    }

    /** What one address means for the flow. */
    public sealed interface Seen {
        /** Still on the provider's pages. */
        record Elsewhere() implements Seen {}

        /** The redirect carried a code (and the state it came back with). */
        record Code(String code, String state) implements Seen {}

        /** The redirect carried an error ({@code access_denied} when the operator said no). */
        record Refused(String error, String description) implements Seen {}
    }

    public static RedirectCatcher forAuthorizeUrl(URI authorizeUrl, String state) {
        return new RedirectCatcher(param(authorizeUrl.getRawQuery(), "redirect_uri"), state);
    }

    public Seen look(String location) {
        if (location == null || location.isBlank()) {
            return new Seen.Elsewhere();
        }
        URI uri;
        try {
            uri = URI.create(location.strip());
        } catch (IllegalArgumentException e) {
            return new Seen.Elsewhere();
        }
        String query = uri.getRawQuery();
        boolean atRedirect = redirectUri.map(r -> withoutQuery(location).equals(withoutQuery(r))).orElse(false);
        boolean ourState = param(query, "state").filter(state::equals).isPresent();
        if (!atRedirect && !ourState) {
            return new Seen.Elsewhere();
        }
        Optional<String> error = param(query, "error");
        if (error.isPresent()) {
            return new Seen.Refused(error.get(), param(query, "error_description").orElse(""));
        }
        return param(query, "code").<Seen>map(code -> new Seen.Code(code, param(query, "state").orElse(state)))
                .orElse(new Seen.Elsewhere());
    }

    private static String withoutQuery(String url) {
        int cut = url.indexOf('?');
        int hash = url.indexOf('#');
        int end = cut < 0 ? hash : hash < 0 ? cut : Math.min(cut, hash);
        String base = end < 0 ? url : url.substring(0, end);
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    static Optional<String> param(String rawQuery, String name) {
        if (rawQuery == null) {
            return Optional.empty();
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return Optional.of(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8)).filter(v -> !v.isBlank());
            }
        }
        return Optional.empty();
    }
}
