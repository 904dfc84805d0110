package dev.relaypool.desktop.common;

import dev.relaypool.desktop.api.ApiResult;
import java.net.URI;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * A write a screen makes (enable, create, adjust): busy while it runs, then a plain-words notice or error.
 * One per screen is enough: the buttons are disabled while it is busy.
 */
public final class Action {
    private final ScreenContext context;
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final StringProperty notice = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");

    public Action(ScreenContext context) {
        this.context = context;
    }

    public BooleanProperty busyProperty() { return busy; }
    public StringProperty noticeProperty() { return notice; }
    public StringProperty errorProperty() { return error; }

    /** Runs {@code request}; on success shows {@code done} and hands the value on; on failure shows why. */
    public <T> void run(BiFunction<URI, String, ApiResult<T>> request, String done, Consumer<T> then) {
        run(request, done, then, why -> { });
    }

    /** As above; {@code onError} also gets the explanation (a dialog shows it where the operator is looking). */
    public <T> void run(BiFunction<URI, String, ApiResult<T>> request, String done, Consumer<T> then, Consumer<String> onError) {
        busy.set(true);
        notice.set("");
        error.set("");
        context.call(request, result -> {
            busy.set(false);
            if (result instanceof ApiResult.Ok<T>(T value)) {
                notice.set(done);
                then.accept(value);
            } else {
                error.set(context.explain(result));
                onError.accept(error.get());
            }
        });
    }

    public void fail(String message) {
        notice.set("");
        error.set(message);
    }
}
