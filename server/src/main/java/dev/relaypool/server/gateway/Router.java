package dev.relaypool.server.gateway;

import java.util.Optional;

/** Maps a method and a path to an {@link Endpoint}. Gemini paths carry {@code models/{model}:{method}}. */
final class Router {
    private static final String GEMINI_MODELS = "/v1beta/models";

    private Router() {}

    static RouteMatch match(String method, String rawPath) {
        String path = rawPath.length() > 1 && rawPath.endsWith("/") ? rawPath.substring(0, rawPath.length() - 1) : rawPath;
        return switch (path) {
            case "/v1/messages" -> post(method, Endpoint.ANTHROPIC_MESSAGES);
            case "/v1/messages/count_tokens" -> post(method, Endpoint.ANTHROPIC_COUNT_TOKENS);
            case "/v1/chat/completions" -> post(method, Endpoint.OPENAI_CHAT);
            case "/v1/responses" -> post(method, Endpoint.OPENAI_RESPONSES);
            case "/v1/models" -> get(method, Endpoint.MODELS, Optional.empty());
            case GEMINI_MODELS -> get(method, Endpoint.GEMINI_MODELS, Optional.empty());
            default -> path.startsWith(GEMINI_MODELS + "/") ? gemini(method, path.substring(GEMINI_MODELS.length() + 1))
                    : new RouteMatch.NotFound();
        };
    }

    private static RouteMatch gemini(String method, String rest) {
        int colon = rest.lastIndexOf(':');
        if (colon < 0) {
            return RouteMatch.validPathModel(rest) ? get(method, Endpoint.GEMINI_MODEL, Optional.of(rest))
                    : new RouteMatch.NotFound();
        }
        String model = rest.substring(0, colon);
        if (!RouteMatch.validPathModel(model)) {
            return new RouteMatch.NotFound();
        }
        Endpoint endpoint = switch (rest.substring(colon + 1)) {
            case "generateContent" -> Endpoint.GEMINI_GENERATE;
            case "streamGenerateContent" -> Endpoint.GEMINI_STREAM;
            case "countTokens" -> Endpoint.GEMINI_COUNT_TOKENS;
            default -> null;
        };
        return endpoint == null ? new RouteMatch.NotFound() : post(method, endpoint, Optional.of(model));
    }

    private static RouteMatch post(String method, Endpoint endpoint) {
        return post(method, endpoint, Optional.empty());
    }

    private static RouteMatch post(String method, Endpoint endpoint, Optional<String> model) {
        return "POST".equals(method) ? new RouteMatch.Matched(endpoint, model) : new RouteMatch.MethodNotAllowed("POST");
    }

    private static RouteMatch get(String method, Endpoint endpoint, Optional<String> model) {
        return "GET".equals(method) ? new RouteMatch.Matched(endpoint, model) : new RouteMatch.MethodNotAllowed("GET");
    }
}
