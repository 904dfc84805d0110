package dev.relaypool.server.api;

/** The code behind one route: a request value in, a response value out. Runs on a virtual thread; may block. */
@FunctionalInterface
public interface RouteHandler<T> {
    ApiResponse handle(ApiRequest<T> request);
}
