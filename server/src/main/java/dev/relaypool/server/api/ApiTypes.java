package dev.relaypool.server.api;

import dev.relaypool.model.api.Page;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;

/** Generic response types for the route table ({@code Page<UserView>}, {@code List<X>}), for the OpenAPI document. */
public final class ApiTypes {
    private ApiTypes() {}

    public static Type pageOf(Class<?> item) {
        return new Parameterized(Page.class, new Type[] {item});
    }

    public static Type listOf(Class<?> item) {
        return new Parameterized(List.class, new Type[] {item});
    }

    private record Parameterized(Class<?> raw, Type[] arguments) implements ParameterizedType {
        @Override
        public Type[] getActualTypeArguments() {
            return arguments.clone();
        }

        @Override
        public Type getRawType() {
            return raw;
        }

        @Override
        public Type getOwnerType() {
            return null;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Parameterized p && p.raw.equals(raw) && Arrays.equals(p.arguments, arguments);
        }

        @Override
        public int hashCode() {
            return raw.hashCode() * 31 + Arrays.hashCode(arguments);
        }
    }
}
