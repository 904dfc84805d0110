package dev.relaypool.desktop.common;

import dev.relaypool.desktop.api.ApiResult;
import dev.relaypool.desktop.api.ListQuery;
import dev.relaypool.model.api.Page;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The ViewModel half of a server-side table: search text, filters, sort and page go to the server, one page of
 * rows comes back. Typing in the search box waits a moment before asking, and an answer that arrives after a
 * newer question was asked is dropped, so fast typing never shows stale rows.
 */
public final class PagedList<T> {
    /** Fetches one page; {@code done} gets the result on the UI thread. */
    @FunctionalInterface
    public interface Loader<T> {
        void load(ListQuery query, Consumer<ApiResult<Page<T>>> done);
    }

    static final Duration TYPING_PAUSE = Duration.ofMillis(300);

    private final Async async;
    private final Loader<T> loader;
    private final Function<ApiResult<?>, String> explain;
    private final ObservableList<T> items = FXCollections.observableArrayList();
    private final StringProperty search = new SimpleStringProperty("");
    private final Map<String, StringProperty> filters = new LinkedHashMap<>();
    private final IntegerProperty page = new SimpleIntegerProperty(0);
    private final LongProperty total = new SimpleLongProperty(0);
    private final BooleanProperty loading = new SimpleBooleanProperty(false);
    private final StringProperty error = new SimpleStringProperty("");
    private final StringProperty position = new SimpleStringProperty("");
    private final int size;
    private String sort = "";
    private boolean descending;
    private long asked;
    private Cancellable typing = Cancellable.NONE;

    public PagedList(Async async, Loader<T> loader, Function<ApiResult<?>, String> explain, int size) {
        this.async = async;
        this.loader = loader;
        this.explain = explain;
        this.size = size;
        search.addListener((obs, old, now) -> {
            typing.cancel();
            typing = async.later(TYPING_PAUSE, () -> load(0));
        });
    }

    public ObservableList<T> items() { return items; }
    public StringProperty searchProperty() { return search; }
    public IntegerProperty pageProperty() { return page; }
    public LongProperty totalProperty() { return total; }
    public BooleanProperty loadingProperty() { return loading; }
    public StringProperty errorProperty() { return error; }
    /** "1–50 of 230", "No results". */
    public StringProperty positionProperty() { return position; }

    /** A filter sent as query parameter {@code name}; changing it reloads from the first page. Empty = no filter. */
    public StringProperty filter(String name) {
        return filters.computeIfAbsent(name, key -> {
            StringProperty value = new SimpleStringProperty("");
            value.addListener((obs, old, now) -> load(0));
            return value;
        });
    }

    public void sortBy(String field, boolean newestFirst) {
        sort = field == null ? "" : field;
        descending = newestFirst;
        load(0);
    }

    public ListQuery query() {
        Map<String, String> values = new LinkedHashMap<>();
        filters.forEach((name, value) -> values.put(name, value.get()));
        return new ListQuery(search.get(), values, sort, descending, page.get(), size);
    }

    public void reload() {
        load(page.get());
    }

    public boolean hasNext() {
        return (long) (page.get() + 1) * size < total.get();
    }

    public void next() {
        if (hasNext()) {
            load(page.get() + 1);
        }
    }

    public void previous() {
        if (page.get() > 0) {
            load(page.get() - 1);
        }
    }

    private void load(int newPage) {
        typing.cancel();
        page.set(newPage);
        long ticket = ++asked;
        loading.set(true);
        loader.load(query(), result -> {
            if (ticket != asked) {
                return; // a newer question is on its way
            }
            loading.set(false);
            switch (result) {
                case ApiResult.Ok<Page<T>>(Page<T> got) -> {
                    error.set("");
                    items.setAll(got.items());
                    total.set(got.total());
                    position.set(describe(got));
                }
                default -> error.set(explain.apply(result));
            }
        });
    }

    private String describe(Page<T> got) {
        if (got.total() == 0) {
            return "No results";
        }
        long first = (long) got.page() * size + 1;
        long last = first + got.items().size() - 1;
        return first + "–" + last + " of " + got.total();
    }
}
