package dev.relaypool.desktop.it;

import dev.relaypool.desktop.Desktop;
import dev.relaypool.desktop.api.AdminResources;
import dev.relaypool.desktop.api.HttpAdminApi;
import dev.relaypool.desktop.common.UiExecutor;
import dev.relaypool.desktop.common.VirtualThreadExecutor;
import dev.relaypool.desktop.prefs.PrefsStore;
import dev.relaypool.desktop.screenshots.PngWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** The real app window wired to HTTP clients, and the robot steps the integration tests share. */
final class RealServerUi implements AutoCloseable {
    private final VirtualThreadExecutor background = new VirtualThreadExecutor();

    void show(Stage stage) {
        Desktop desktop = new Desktop(new HttpAdminApi(), AdminResources.http(), PrefsStore.inMemory(), background,
                UiExecutor.fx(), Clock.systemUTC());
        Scene scene = new Scene(desktop.root(), 1200, 760);
        desktop.style(scene);
        stage.setScene(scene);
        stage.show();
    }

    /** Types the address, email and password as an operator would, then Enter; waits until connected. */
    static void signIn(FxRobot robot, String server, String email, String password) throws Exception {
        robot.clickOn("#serverUrl").write(server);
        robot.clickOn("#email").write(email);
        robot.clickOn("#password").write(password).type(KeyCode.ENTER);
        await(() -> "Connected".equals(text(robot, "#connectionStatus")));
    }

    /** Ctrl+digit, as the sidebar's accelerators define, then waits for the title. */
    static void goTo(FxRobot robot, KeyCode digit, String title) throws Exception {
        robot.press(KeyCode.CONTROL, digit).release(digit, KeyCode.CONTROL);
        await(() -> title.equals(text(robot, "#screenTitle")));
    }

    static String text(FxRobot robot, String query) {
        return robot.lookup(query).tryQuery().map(n -> n instanceof Labeled l ? l.getText()
                : n instanceof javafx.scene.control.TextInputControl t ? t.getText() : "").orElse("");
    }

    /** The cell texts of a table's row, by column title. */
    static List<String> row(TableView<?> table, int index, String... columns) {
        return java.util.Arrays.stream(columns).map(title -> {
            TableColumn<?, ?> column = table.getColumns().stream().filter(c -> title.equals(c.getText())).findFirst().orElseThrow();
            Object value = column.getCellData(index);
            return value == null ? "" : value.toString();
        }).toList();
    }

    /** A bounded wait: fails the test after 20 s, saying what the windows showed then. */
    static void await(Supplier<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> {
                WaitForAsyncUtils.waitForFxEvents();
                return condition.get();
            });
        } catch (TimeoutException e) {
            throw new AssertionError("timed out; the windows showed: " + shown(), e);
        }
    }

    /** The visible labels of every window; each window is also saved as target/it-failures/window-N.png. */
    private static String shown() throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            List<Window> windows = List.copyOf(Window.getWindows());
            for (int i = 0; i < windows.size(); i++) {
                PngWriter.write(windows.get(i).getScene().snapshot(null), Path.of("target/it-failures/window-" + i + ".png"));
            }
            return windows.stream().flatMap(w -> w.getScene().getRoot().lookupAll(".label").stream())
                    .filter(RealServerUi::showing).map(n -> ((Labeled) n).getText())
                    .filter(t -> t != null && !t.isBlank()).toList().toString();
        }).get(5, TimeUnit.SECONDS);
    }

    private static boolean showing(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        background.close();
    }
}
