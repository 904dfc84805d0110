package dev.relaypool.desktop.screenshots;

import dev.relaypool.desktop.Desktop;
import dev.relaypool.desktop.common.BackgroundExecutor;
import dev.relaypool.desktop.common.Cancellable;
import dev.relaypool.desktop.common.UiExecutor;
import dev.relaypool.desktop.prefs.PrefsStore;
import dev.relaypool.desktop.prefs.ServerProfile;
import dev.relaypool.desktop.prefs.Theme;
import dev.relaypool.desktop.shell.Screen;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.TextInputControl;
import javafx.stage.Stage;

/** Walks through the screens of a window wired to {@link DemoAdminApi}, snapshotting each one. */
public final class ScreenshotApp extends Application {
    private record Shot(String name, Runnable prepare) {}

    /** Runs the pretend server's answers right away: it never blocks, and timers are not needed for pictures. */
    private static final BackgroundExecutor IMMEDIATE = new BackgroundExecutor() {
        @Override
        public void execute(Runnable work) {
            work.run();
        }

        @Override
        public Cancellable schedule(Duration delay, Runnable work) {
            return Cancellable.NONE;
        }
    };

    private final Deque<Shot> shots = new ArrayDeque<>();
    private Path outDir;
    private Scene scene;

    @Override
    public void start(Stage stage) {
        List<String> args = getParameters().getUnnamed();
        outDir = Path.of(args.isEmpty() ? "docs/screenshots/desktop" : args.getFirst());
        Clock clock = Clock.systemDefaultZone();
        DemoAdminApi api = new DemoAdminApi(clock);
        PrefsStore prefs = PrefsStore.inMemory();
        prefs.update(p -> p.withProfile(null, new ServerProfile("Production", "https://relay.example.com", "grace@example.com")));
        Desktop desktop = new Desktop(api, api.resources(), prefs, IMMEDIATE, UiExecutor.fx(), clock);
        scene = new Scene(desktop.root(), 1180, 760);
        desktop.style(scene);
        stage.setScene(scene);
        stage.setTitle("Relaypool admin");
        stage.show();

        shots.add(new Shot("connect", () -> text("#password", "correct horse battery")));
        shots.add(new Shot("connect-totp", () -> {
            api.totpRequired = true;
            press("#signIn");
        }));
        shots.add(new Shot("dashboard", () -> {
            api.totpRequired = false;
            text("#totpCode", "424242");
            press("#signIn");
        }));
        for (Screen screen : Screen.values()) {
            if (screen != Screen.DASHBOARD) {
                shots.add(new Shot(name(screen), () -> {
                    desktop.shell().show(screen);
                    Platform.runLater(() -> selectFirstRow(screen)); // after the rows arrived
                }));
            }
        }
        shots.add(new Shot("session-expired", () -> {
            desktop.shell().show(Screen.DASHBOARD);
            api.sessionsExpired = true;
            press("#reloadDashboard");
        }));
        shots.add(new Shot("dashboard-dark", () -> {
            text("#reauthPassword", "correct horse battery");
            press("#reauthSubmit");
            desktop.shell().themeProperty().set(Theme.DARK);
        }));
        for (Screen screen : List.of(Screen.GROUPS, Screen.REDEEM_CODES, Screen.SUBSCRIPTIONS, Screen.PRICES, Screen.SETTINGS)) {
            shots.add(new Shot(name(screen) + "-dark", () -> desktop.shell().show(screen)));
        }
        shots.add(new Shot("connect-dark", () -> desktop.session().signOut()));
        next();
    }

    private void next() {
        Shot shot = shots.poll();
        if (shot == null) {
            System.out.println("screenshots written to " + outDir.toAbsolutePath());
            Platform.exit();
            return;
        }
        shot.prepare().run();
        PauseTransition settle = new PauseTransition(javafx.util.Duration.millis(250)); // focus and CSS settle
        settle.setOnFinished(e -> {
            try {
                PngWriter.write(scene.snapshot(null), outDir.resolve(shot.name() + ".png"));
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            next();
        });
        settle.play();
    }

    private static String name(Screen screen) {
        return screen.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Screens with a panel about the selected row show it filled. */
    private void selectFirstRow(Screen screen) {
        String table = switch (screen) {
            case GROUPS -> "#groupsTable";
            case SUBSCRIPTIONS -> "#subscriptionsTable";
            default -> null;
        };
        if (table != null && scene.lookup(table) instanceof javafx.scene.control.TableView<?> view) {
            view.getSelectionModel().selectFirst();
        }
    }

    private void text(String id, String value) {
        ((TextInputControl) scene.lookup(id)).setText(value);
    }

    private void press(String id) {
        ((Button) scene.lookup(id)).fire();
    }
}
