package dev.relaypool.server.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.relaypool.model.Platform;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Answers the model listings locally, in the format of the protocol asked, from the key's {@link ModelCatalog}. */
final class ModelsResponder {
    private static final ObjectMapper JSON = dev.relaypool.server.api.Json.mapper();
    private static final List<String> GEMINI_METHODS = List.of("generateContent", "streamGenerateContent", "countTokens");

    private final ModelCatalog catalog;

    ModelsResponder(ModelCatalog catalog) {
        this.catalog = catalog;
    }

    void respond(HttpServerExchange exchange, RequestContext ctx, Optional<String> pathModel) {
        List<String> models = catalog.models(ctx.key());
        Object body;
        if (ctx.endpoint() == Endpoint.GEMINI_MODEL) {
            String wanted = pathModel.orElseThrow();
            if (!models.contains(wanted)) {
                ErrorResponder.send(exchange, ctx.dialect(), GatewayError.MODEL_NOT_AVAILABLE);
                return;
            }
            body = geminiModel(wanted);
        } else {
            Platform format = ctx.endpoint() == Endpoint.GEMINI_MODELS ? Platform.GEMINI : ctx.key().platform();
            body = switch (format) {
                case ANTHROPIC -> Map.of("data", models.stream().map(ModelsResponder::anthropicModel).toList(),
                        "has_more", false,
                        "first_id", models.isEmpty() ? "" : models.getFirst(),
                        "last_id", models.isEmpty() ? "" : models.getLast());
                case OPENAI -> Map.of("object", "list", "data", models.stream().map(ModelsResponder::openAiModel).toList());
                case GEMINI -> Map.of("models", models.stream().map(ModelsResponder::geminiModel).toList());
            };
        }
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        try {
            exchange.getResponseSender().send(ByteBuffer.wrap(JSON.writeValueAsBytes(body)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("maps of strings always serialise", e);
        }
    }

    private static Map<String, Object> anthropicModel(String id) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("type", "model");
        model.put("id", id);
        model.put("display_name", id);
        model.put("created_at", "1970-01-01T00:00:00Z"); // unknown; the field is required
        return model;
    }

    private static Map<String, Object> openAiModel(String id) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("id", id);
        model.put("object", "model");
        model.put("created", 0);
        model.put("owned_by", "relaypool");
        return model;
    }

    private static Map<String, Object> geminiModel(String id) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("name", "models/" + id);
        model.put("displayName", id);
        model.put("supportedGenerationMethods", GEMINI_METHODS);
        return model;
    }
}
