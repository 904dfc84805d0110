package dev.relaypool.server.members;

import dev.relaypool.server.api.ApiResponse;
import dev.relaypool.server.api.ErrorCode;
import dev.relaypool.server.api.RouteHandler;
import org.jooq.exception.DataAccessException;

/**
 * Expected refusals deep inside a resource handler (bad query parameter, unknown id, a name already taken) as one
 * exception type, turned into its answer in one place: {@link #guarded}. Constraint violations of PostgreSQL
 * become 409/400 there too, so a race between two admins is an answer, not a 500.
 */
public final class Problems {
    private Problems() {}

    /** An expected refusal carrying the answer to give. */
    public static final class Problem extends RuntimeException {
        private final transient ApiResponse response;

        Problem(ErrorCode code, String message) {
            super(message, null, false, false);
            this.response = ApiResponse.error(code, message);
        }

        public ApiResponse response() {
            return response;
        }
    }

    public static Problem badRequest(String message) {
        return new Problem(ErrorCode.INVALID_REQUEST, message);
    }

    public static Problem notFound(String what) {
        return new Problem(ErrorCode.NOT_FOUND, what + " not found");
    }

    public static Problem conflict(String message) {
        return new Problem(ErrorCode.CONFLICT, message);
    }

    /** The handler with {@link Problem}s and constraint violations answered instead of thrown. */
    public static <T> RouteHandler<T> guarded(RouteHandler<T> handler) {
        return request -> {
            try {
                return handler.handle(request);
            } catch (Problem problem) {
                return problem.response();
            } catch (IllegalArgumentException e) {
                return ApiResponse.error(ErrorCode.INVALID_REQUEST, e.getMessage());
            } catch (DataAccessException e) {
                String state = e.sqlState();
                return switch (state == null ? "" : state) {
                    case "23505" -> ApiResponse.error(ErrorCode.CONFLICT, "that name or value is already taken");
                    case "23503" -> ApiResponse.error(ErrorCode.CONFLICT, "a referenced item does not exist or is still in use");
                    case "23514", "22003", "22P02" -> ApiResponse.error(ErrorCode.INVALID_REQUEST, "a value is out of range");
                    default -> throw e;
                };
            }
        };
    }

    /** A numeric path parameter; anything else names nothing, hence 404. */
    public static long id(dev.relaypool.server.api.ApiRequest<?> request, String name) {
        try {
            return Long.parseLong(request.pathParameter(name));
        } catch (NumberFormatException e) {
            throw notFound(name);
        }
    }
}
