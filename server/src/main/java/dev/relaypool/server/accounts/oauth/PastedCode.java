package dev.relaypool.server.accounts.oauth;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * What the operator pasted back after authorising: a bare code, {@code code#state} (as some providers' code pages
 * show it), or the whole redirect URL with {@code ?code=...&state=...}. {@code toString} never prints the code.
 */
record PastedCode(String code, Optional<String> state) {
    PastedCode {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(state, "state");
    }

    sealed interface Parsed {
        record Ok(PastedCode pasted) implements Parsed {}

        record Invalid(String reason) implements Parsed {}
    }

    static Parsed parse(String input) {
        String text = input == null ? "" : input.strip();
        if (text.isEmpty()) {
            return new Parsed.Invalid("nothing was pasted");
        }
        if (text.startsWith("http://") || text.startsWith("https://")) {
            return fromUrl(text);
        }
        int hash = text.indexOf('#');
        String code = hash < 0 ? text : text.substring(0, hash);
        Optional<String> state = hash < 0 ? Optional.empty() : Optional.of(text.substring(hash + 1)).filter(s -> !s.isBlank());
        return valid(code, state);
    }

    private static Parsed fromUrl(String text) {
        URI uri;
        try {
            uri = URI.create(text);
        } catch (IllegalArgumentException e) {
            return new Parsed.Invalid("the pasted URL is not a valid URL");
        }
        String query = uri.getRawQuery();
        Optional<String> error = param(query, "error");
        if (error.isPresent()) {
            return new Parsed.Invalid("the provider refused the authorisation: " + error.get());
        }
        Optional<String> code = param(query, "code");
        if (code.isEmpty()) {
            return new Parsed.Invalid("the pasted URL has no code parameter");
        }
        return valid(code.get(), param(query, "state"));
    }

    private static Parsed valid(String code, Optional<String> state) {
        if (code.isBlank() || code.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            return new Parsed.Invalid("the pasted code is empty or contains spaces or control characters");
        }
        return new Parsed.Ok(new PastedCode(code, state));
    }

    private static Optional<String> param(String query, String name) {
        if (query == null) {
            return Optional.empty();
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return Optional.of(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8)).filter(v -> !v.isBlank());
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "PastedCode[****, state=" + state.isPresent() + "]";
    }
}
