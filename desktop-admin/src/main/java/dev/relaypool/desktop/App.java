package dev.relaypool.desktop;

import dev.relaypool.desktop.api.HttpAdminApi;
import dev.relaypool.desktop.common.UiExecutor;
import dev.relaypool.desktop.common.VirtualThreadExecutor;
import dev.relaypool.desktop.prefs.PrefsStore;
import dev.relaypool.desktop.prefs.WindowBounds;
import java.time.Clock;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** The JavaFX application: one window, its size and place remembered between runs. */
public final class App extends Application {
    private final VirtualThreadExecutor background = new VirtualThreadExecutor();
    private Desktop desktop;

    @Override
    public void start(Stage stage) {
        PrefsStore prefs = new PrefsStore(PrefsStore.defaultFile());
        desktop = new Desktop(new HttpAdminApi(), dev.relaypool.desktop.api.AdminResources.http(), prefs, background, UiExecutor.fx(), Clock.systemDefaultZone());
        WindowBounds bounds = prefs.get().window();
        Scene scene = new Scene(desktop.root(), bounds.width(), bounds.height());
        desktop.style(scene);
        stage.setScene(scene);
        stage.setTitle("Relaypool admin");
        stage.setMinWidth(720);
        stage.setMinHeight(480);
        // a window saved on a monitor that is gone would open out of reach
        if (bounds.hasPosition() && !javafx.stage.Screen.getScreensForRectangle(
                bounds.x(), bounds.y(), bounds.width(), bounds.height()).isEmpty()) {
            stage.setX(bounds.x());
            stage.setY(bounds.y());
        }
        stage.setMaximized(bounds.maximized());
        stage.setOnCloseRequest(e -> prefs.update(p -> p.withWindow(
                new WindowBounds(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), stage.isMaximized()))));
        stage.show();
    }

    @Override
    public void stop() {
        if (desktop != null) {
            desktop.session().signOut();
        }
        background.close();
    }
}
