package dev.relaypool.desktop.prefs;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/** A saved server: a name the operator chose, the server's address and the email last used there. No secrets. */
public record ServerProfile(String name, String url, String email) {
    public ServerProfile {
        name = Objects.requireNonNull(name, "name").strip();
        url = normalizeUrl(Objects.requireNonNull(url, "url"));
        email = email == null ? "" : email.strip();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a profile needs a name");
        }
    }

    public URI uri() {
        return URI.create(url);
    }

    /**
     * Accepts what people type ("relay.example.com:8080") and returns an http(s) URL ending in a slash.
     * Throws IllegalArgumentException with a readable message when it cannot be a server address.
     */
    public static String normalizeUrl(String typed) {
        String text = typed.strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("enter the server address, for example https://relay.example.com");
        }
        if (!text.contains("://")) {
            boolean local = text.startsWith("localhost") || text.startsWith("127.") || text.startsWith("[::1]");
            text = (local ? "http://" : "https://") + text;
        }
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                throw new IllegalArgumentException("'" + typed.strip() + "' is not a web address (http:// or https://)");
            }
            return text.endsWith("/") ? text : text + "/";
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + typed.strip() + "' is not a valid server address");
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
