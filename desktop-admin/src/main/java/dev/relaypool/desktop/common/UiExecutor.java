package dev.relaypool.desktop.common;

import javafx.application.Platform;

/** Runs work on the UI thread. Swappable so ViewModels can be tested without a JavaFX toolkit. */
@FunctionalInterface
public interface UiExecutor {
    void execute(Runnable work);

    /** The JavaFX application thread. */
    static UiExecutor fx() {
        return work -> {
            if (Platform.isFxApplicationThread()) {
                work.run();
            } else {
                Platform.runLater(work);
            }
        };
    }
}
