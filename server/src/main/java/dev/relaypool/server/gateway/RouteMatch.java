package dev.relaypool.server.gateway;

import java.util.Objects;
import java.util.Optional;

/** Where a method and path lead. */
sealed interface RouteMatch {
    /** {@code pathModel}: the model named in the path (Gemini), if any. */
    record Matched(Endpoint endpoint, Optional<String> pathModel) implements RouteMatch {
        public Matched {
            Objects.requireNonNull(endpoint, "endpoint");
            Objects.requireNonNull(pathModel, "pathModel");
        }
    }

    record NotFound() implements RouteMatch {}

    record MethodNotAllowed(String allowed) implements RouteMatch {}

    /** What {@link Matched#pathModel()} and models in bodies may look like (no slashes in a path segment). */
    static boolean validPathModel(String model) {
        return model.matches("[A-Za-z0-9][A-Za-z0-9._\\-]{0,199}");
    }
}
