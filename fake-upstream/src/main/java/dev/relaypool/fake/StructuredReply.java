package dev.relaypool.fake;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

/**
 * JSON mode. A Gemini request with {@code generationConfig.responseMimeType: application/json} gets a JSON
 * document instead of prose, as the real API gives, shaped by {@code responseJsonSchema} or {@code responseSchema}
 * when there is one: every property present, strings carry the configured reply, numbers their minimum (else 1),
 * booleans false, enums their first value. Clients parse these answers (Gemini CLI's model router retries for
 * a minute and a half on prose), so they must be valid, though they need not be clever.
 */
final class StructuredReply {
    private static final int MAX_DEPTH = 32;

    private StructuredReply() {}

    /** The JSON text to answer a Gemini request with, or empty when it did not ask for JSON. */
    static Optional<String> gemini(byte[] body, String reply) {
        JsonNode config = generationConfig(body);
        if (config == null || !config.path("responseMimeType").asText("").toLowerCase(Locale.ROOT).startsWith("application/json")) {
            return Optional.empty();
        }
        JsonNode schema = config.has("responseJsonSchema") ? config.get("responseJsonSchema") : config.path("responseSchema");
        JsonNode document = schema.isObject() ? sample(schema, reply, 0) : Json.MAPPER.getNodeFactory().textNode(reply);
        return Optional.of(new String(Json.bytes(document), java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Only {@code generationConfig} is built into a tree; the prompt is skipped token by token. */
    private static JsonNode generationConfig(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try (JsonParser p = Json.MAPPER.getFactory().createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("generationConfig") && value == JsonToken.START_OBJECT) {
                    return Json.MAPPER.readTree(p);
                }
                p.skipChildren();
            }
        } catch (IOException e) {
            return null; // not JSON: the fake is not a validator, prose it is
        }
        return null;
    }

    static JsonNode sample(JsonNode schema, String reply, int depth) {
        var nodes = Json.MAPPER.getNodeFactory();
        if (depth > MAX_DEPTH) {
            return nodes.nullNode();
        }
        JsonNode choices = schema.has("anyOf") ? schema.get("anyOf") : schema.get("oneOf");
        if (choices != null && choices.isArray() && !choices.isEmpty()) {
            return sample(choices.get(0), reply, depth + 1);
        }
        if (schema.path("enum").isArray() && !schema.path("enum").isEmpty()) {
            return schema.path("enum").get(0);
        }
        JsonNode typeNode = schema.path("type");
        String type = (typeNode.isArray() ? typeNode.path(0) : typeNode).asText("string").toLowerCase(Locale.ROOT);
        return switch (type) {
            case "object" -> {
                ObjectNode object = Json.object();
                schema.path("properties").properties()
                        .forEach(property -> object.set(property.getKey(), sample(property.getValue(), reply, depth + 1)));
                yield object;
            }
            case "array" -> {
                ArrayNode array = Json.array();
                for (int i = 0; i < Math.min(schema.path("minItems").asInt(0), 16); i++) {
                    array.add(sample(schema.path("items"), reply, depth + 1));
                }
                yield array;
            }
            case "integer" -> nodes.numberNode(schema.path("minimum").asLong(1));
            case "number" -> nodes.numberNode(schema.path("minimum").asDouble(1));
            case "boolean" -> nodes.booleanNode(false);
            case "null" -> nodes.nullNode();
            default -> nodes.textNode(reply);
        };
    }
}
