package dev.relaypool.desktop.common;

import dev.relaypool.desktop.api.AdminResources;
import dev.relaypool.desktop.api.ApiResult;
import dev.relaypool.desktop.api.ListQuery;
import dev.relaypool.desktop.session.Session;
import dev.relaypool.model.api.Page;
import java.net.URI;
import java.time.Clock;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/** What every admin screen's ViewModel needs: the session to call through, the clients, executors and a clock. */
public record ScreenContext(Session session, AdminResources api, Async async, Clock clock) {
    public <T> void call(BiFunction<URI, String, ApiResult<T>> request, Consumer<ApiResult<T>> onDone) {
        session.callServer(request, onDone);
    }

    public String explain(ApiResult<?> result) {
        return Messages.of(result, session.serverProperty().get());
    }

    /** A server-side table whose pages come from {@code fetch}. */
    public <T> PagedList<T> pagedList(Fetch<T> fetch) {
        return new PagedList<>(async, (query, done) -> call((at, token) -> fetch.page(at, token, query), done),
                this::explain, ListQuery.DEFAULT_SIZE);
    }

    @FunctionalInterface
    public interface Fetch<T> {
        ApiResult<Page<T>> page(URI server, String token, ListQuery query);
    }
}
