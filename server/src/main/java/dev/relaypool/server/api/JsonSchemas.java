package dev.relaypool.server.api;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/** JSON schemas of the API body records, collected as named components for the OpenAPI document. */
final class JsonSchemas {
    private final Map<String, Object> components = new TreeMap<>();

    Map<String, Object> components() {
        return components;
    }

    Map<String, Object> schemaOf(Type type) {
        return schemaOf(type, Map.of());
    }

    private Map<String, Object> schemaOf(Type type, Map<TypeVariable<?>, Type> bindings) {
        if (type instanceof TypeVariable<?> variable) {
            return schemaOf(bindings.getOrDefault(variable, Object.class), Map.of());
        }
        if (type instanceof ParameterizedType parameterized) {
            Class<?> raw = (Class<?>) parameterized.getRawType();
            Type[] arguments = parameterized.getActualTypeArguments();
            if (Collection.class.isAssignableFrom(raw)) {
                return Map.of("type", "array", "items", schemaOf(arguments[0], bindings));
            }
            if (Map.class.isAssignableFrom(raw)) {
                return Map.of("type", "object", "additionalProperties", schemaOf(arguments[1], bindings));
            }
            if (Optional.class.equals(raw)) {
                return schemaOf(arguments[0], bindings);
            }
            if (raw.isRecord()) {
                Map<TypeVariable<?>, Type> bound = new HashMap<>();
                StringBuilder name = new StringBuilder(raw.getSimpleName());
                for (int i = 0; i < arguments.length; i++) {
                    Type argument = arguments[i] instanceof TypeVariable<?> v ? bindings.getOrDefault(v, Object.class) : arguments[i];
                    bound.put(raw.getTypeParameters()[i], argument);
                    name.append(argument instanceof Class<?> c ? c.getSimpleName() : "Object");
                }
                return record(raw, name.toString(), bound);
            }
            return schemaOf(raw, bindings);
        }
        if (!(type instanceof Class<?> c)) {
            return Map.of("type", "object");
        }
        if (c == String.class || c == char.class || c == Character.class) {
            return Map.of("type", "string");
        }
        if (c == boolean.class || c == Boolean.class) {
            return Map.of("type", "boolean");
        }
        if (c == int.class || c == Integer.class || c == short.class || c == Short.class) {
            return Map.of("type", "integer", "format", "int32");
        }
        if (c == long.class || c == Long.class) {
            return Map.of("type", "integer", "format", "int64");
        }
        if (c == BigDecimal.class || c == double.class || c == Double.class) {
            return Map.of("type", "number");
        }
        if (c == Instant.class) {
            return Map.of("type", "string", "format", "date-time");
        }
        if (c == UUID.class) {
            return Map.of("type", "string", "format", "uuid");
        }
        if (c.isEnum()) {
            List<String> values = java.util.Arrays.stream(c.getEnumConstants())
                    .map(constant -> Json.MAPPER.convertValue(constant, String.class)).toList();
            return Map.of("type", "string", "enum", values);
        }
        if (c.isRecord()) {
            return record(c, c.getSimpleName(), bindings);
        }
        return Map.of("type", "object");
    }

    private Map<String, Object> record(Class<?> type, String name, Map<TypeVariable<?>, Type> bindings) {
        Map<String, Object> reference = Map.of("$ref", "#/components/schemas/" + name);
        if (components.containsKey(name)) {
            return reference;
        }
        components.put(name, Map.of()); // placeholder: a record that refers to itself terminates
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new java.util.ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            properties.put(component.getName(), schemaOf(component.getGenericType(), bindings));
            if (component.getType().isPrimitive()) {
                required.add(component.getName());
            }
        }
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        if (!required.isEmpty()) {
            schema.put("required", required);
        }
        components.put(name, schema);
        return reference;
    }
}
