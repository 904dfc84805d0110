package dev.relaypool.server.gateway;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.relaypool.model.Platform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The conversation a request belongs to, for sticky routing, from what real clients send: Claude Code's
 * {@code x-claude-code-session-id} and the {@code _session_<uuid>} part of {@code metadata.user_id}; Codex's
 * {@code session-id}/{@code session_id}/{@code conversation_id}/{@code thread-id} headers and
 * {@code prompt_cache_key} (the same id); Gemini CLI's {@code session_id}; an OpenAI {@code previous_response_id}.
 * Without any of those, a hash of the stable start of the conversation (system prompt and messages up to the first
 * user message, {@code cache_control} markers left out since clients move them every turn). Never anything that
 * changes per turn (Codex's {@code x-codex-turn-metadata}, the last message).
 */
public final class SessionKeys {
    private static final JsonFactory JSON = dev.relaypool.server.api.Json.factory()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build())
            .build();
    private static final List<String> CODEX_HEADERS = List.of("session-id", "session_id", "conversation_id", "thread-id");
    private static final Pattern CLAUDE_USER_SESSION = Pattern.compile("_session_([0-9a-fA-F-]{8,64})$");
    private static final Pattern JSON_SESSION = Pattern.compile("\"session_id\"\\s*:\\s*\"([^\"]{1,200})\"");
    private static final int MAX_KEY_CHARS = 96;
    /** Conversation starts are only looked at this far: a first message is never this long in practice. */
    private static final int MAX_PREFIX_ITEMS = 8;

    private SessionKeys() {}

    /** The request's session key, prefixed by where it came from; {@code header}: request header by name or null. */
    public static Optional<String> derive(Platform platform, Function<String, String> header, byte[] body) {
        return derive(header, Material.read(body, platform));
    }

    /** The same from material gathered while the body was read once for its envelope ({@link EnvelopeReader}). */
    static Optional<String> derive(Function<String, String> header, Material fields) {
        Optional<String> explicit = switch (fields.platform) {
            case ANTHROPIC -> nonBlank(header.apply("x-claude-code-session-id"))
                    .or(() -> claudeSession(fields.userId)).map(id -> "claude:" + id);
            case OPENAI -> firstHeader(header).or(() -> nonBlank(fields.promptCacheKey)).map(id -> "codex:" + id)
                    .or(() -> nonBlank(fields.previousResponseId).map(id -> "response:" + id));
            case GEMINI -> nonBlank(fields.sessionId).map(id -> "gemini:" + id);
        };
        return explicit.map(SessionKeys::bounded).or(() -> fields.conversationHash());
    }

    private static Optional<String> firstHeader(Function<String, String> header) {
        for (String name : CODEX_HEADERS) {
            Optional<String> value = nonBlank(header.apply(name));
            if (value.isPresent()) {
                return value;
            }
        }
        return Optional.empty();
    }

    /** {@code user_<hash>_account_<uuid>_session_<uuid>}, or the newer JSON form with a {@code session_id}. */
    static Optional<String> claudeSession(String userId) {
        if (userId == null) {
            return Optional.empty();
        }
        Matcher legacy = CLAUDE_USER_SESSION.matcher(userId.trim());
        if (legacy.find()) {
            return Optional.of(legacy.group(1));
        }
        Matcher json = JSON_SESSION.matcher(userId);
        return json.find() ? nonBlank(json.group(1)) : Optional.empty();
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    /** Keys go into coordination keys: long or odd ones are hashed to a fixed length. */
    private static String bounded(String key) {
        boolean plain = key.length() <= MAX_KEY_CHARS && key.chars().allMatch(c -> c > 0x20 && c < 0x7f);
        return plain ? key : key.substring(0, key.indexOf(':') + 1) + "h" + hex(sha256().digest(key.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest, 0, 16);
    }

    /**
     * The few body fields a session key is made of, and a digest of the conversation's start; filled by
     * {@link #take} field by field, so that the envelope's parse can gather them on its way through the body.
     */
    static final class Material {
        private final Platform platform;
        String userId;
        String promptCacheKey;
        String previousResponseId;
        String sessionId;
        MessageDigest system;
        MessageDigest start;
        boolean sawUser;

        Material(Platform platform) {
            this.platform = platform;
        }

        static Material read(byte[] body, Platform platform) {
            Material fields = new Material(platform);
            try (JsonParser parser = JSON.createParser(body)) {
                if (parser.nextToken() == JsonToken.START_OBJECT) {
                    fields.object(parser, true);
                }
            } catch (IOException | RuntimeException e) {
                return new Material(platform); // the envelope reader already judged the body; no key from a broken one
            }
            return fields;
        }

        private void object(JsonParser parser, boolean top) throws IOException {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (!take(parser, field, value, top)) {
                    parser.skipChildren();
                }
            }
        }

        /** Reads the value of a top-level field the parser is on if it matters here; false (untouched) if not. */
        boolean take(JsonParser parser, String field, JsonToken value) throws IOException {
            return take(parser, field, value, true);
        }

        private boolean take(JsonParser parser, String field, JsonToken value, boolean top) throws IOException {
            switch (field) {
                case "metadata" -> {
                    if (top && value == JsonToken.START_OBJECT) {
                        metadata(parser);
                    } else {
                        parser.skipChildren();
                    }
                }
                case "prompt_cache_key" -> promptCacheKey = text(parser, value);
                case "previous_response_id" -> previousResponseId = text(parser, value);
                case "session_id" -> sessionId = text(parser, value);
                // Gemini CLI with Google login wraps the generate request: {"model","project","request":{...}}
                case "request" -> {
                    if (top && value == JsonToken.START_OBJECT) {
                        object(parser, false);
                    } else {
                        parser.skipChildren();
                    }
                }
                case "system", "instructions", "systemInstruction", "system_instruction" -> {
                    system = sha256();
                    digest(parser, system);
                }
                case "messages", "input", "contents" -> conversationStart(parser, value, platform == Platform.GEMINI);
                default -> {
                    return false;
                }
            }
            return true;
        }

        private void metadata(JsonParser parser) throws IOException {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("user_id")) {
                    userId = text(parser, value);
                } else {
                    parser.skipChildren();
                }
            }
        }

        /** Digests items up to and including the first user message (a string input is that message). */
        private void conversationStart(JsonParser parser, JsonToken value, boolean roleOptional) throws IOException {
            start = sha256();
            if (value != JsonToken.START_ARRAY) {
                digest(parser, start);
                sawUser = value == JsonToken.VALUE_STRING;
                return;
            }
            int items = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                if (sawUser || items++ >= MAX_PREFIX_ITEMS || parser.currentToken() != JsonToken.START_OBJECT) {
                    parser.skipChildren();
                    continue;
                }
                start.update((byte) '{');
                String role = null;
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    JsonToken inner = parser.nextToken();
                    if (field.equals("role") && inner == JsonToken.VALUE_STRING) {
                        role = parser.getText();
                    }
                    if (field.equals("cache_control")) {
                        parser.skipChildren();
                        continue;
                    }
                    start.update(field.getBytes(StandardCharsets.UTF_8));
                    digest(parser, start);
                }
                start.update((byte) '}');
                sawUser = "user".equals(role) || (role == null && roleOptional); // Gemini may leave the user role out
            }
        }

        /** Feeds the current value's tokens to {@code digest}, skipping {@code cache_control} subtrees. */
        private static void digest(JsonParser parser, MessageDigest digest) throws IOException {
            int depth = 0;
            do {
                JsonToken token = parser.currentToken();
                if (token == JsonToken.FIELD_NAME && parser.currentName().equals("cache_control")) {
                    parser.nextToken();
                    parser.skipChildren();
                } else {
                    digest.update((byte) token.id());
                    if (token.isScalarValue() || token == JsonToken.FIELD_NAME) {
                        digest.update(parser.getText().getBytes(StandardCharsets.UTF_8));
                        digest.update((byte) 0);
                    }
                    depth += token.isStructStart() ? 1 : token.isStructEnd() ? -1 : 0;
                }
            } while (depth > 0 && parser.nextToken() != null);
        }

        private static String text(JsonParser parser, JsonToken value) throws IOException {
            if (value == JsonToken.VALUE_STRING) {
                return parser.getText();
            }
            parser.skipChildren();
            return null;
        }

        Optional<String> conversationHash() {
            if (start == null || !sawUser) {
                return Optional.empty();
            }
            MessageDigest combined = sha256();
            combined.update(system == null ? new byte[0] : system.digest());
            combined.update(start.digest());
            return Optional.of("conversation:" + hex(combined.digest()));
        }
    }
}
