package dev.relaypool.desktop.keys;

import dev.relaypool.model.Platform;
import java.net.URI;
import java.util.List;

/** Ready-to-paste settings that point the usual command-line clients at this relay with a new key. */
public final class ClientSettings {
    public record Snippet(String client, String text) {}

    private ClientSettings() {}

    /** The snippets for the key's platform first; the others follow, since one key may serve several tools. */
    public static List<Snippet> forKey(URI server, Platform platform, String key) {
        String base = server.toString().replaceAll("/+$", "");
        Snippet claude = new Snippet("Claude Code", """
                export ANTHROPIC_BASE_URL=%s
                export ANTHROPIC_AUTH_TOKEN=%s
                claude""".formatted(base, key));
        Snippet codex = new Snippet("Codex CLI", """
                # ~/.codex/config.toml
                model_provider = "relaypool"

                [model_providers.relaypool]
                name = "Relaypool"
                base_url = "%s/v1"
                env_key = "RELAYPOOL_API_KEY"
                wire_api = "responses"

                # then, in the shell:
                export RELAYPOOL_API_KEY=%s
                codex""".formatted(base, key));
        Snippet gemini = new Snippet("Gemini CLI", """
                export GOOGLE_GEMINI_BASE_URL=%s
                export GEMINI_API_KEY=%s
                gemini""".formatted(base, key));
        return switch (platform) {
            case ANTHROPIC -> List.of(claude, codex, gemini);
            case OPENAI -> List.of(codex, claude, gemini);
            case GEMINI -> List.of(gemini, claude, codex);
        };
    }
}
