package dev.relaypool.desktop.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.desktop.Desktop;
import dev.relaypool.desktop.api.HttpAdminApi;
import dev.relaypool.desktop.common.UiExecutor;
import dev.relaypool.desktop.common.VirtualThreadExecutor;
import dev.relaypool.desktop.prefs.PrefsStore;
import dev.relaypool.desktop.testing.FakeAuthServer;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Drives the real window (headless, Monocle) against a loopback server that speaks the login contract. */
@ExtendWith(ApplicationExtension.class)
class SignInWindowTest {
    private FakeAuthServer server;
    private VirtualThreadExecutor background;

    @Start
    void start(Stage stage) throws Exception {
        server = new FakeAuthServer();
        background = new VirtualThreadExecutor();
        Desktop desktop = new Desktop(new HttpAdminApi(), dev.relaypool.desktop.api.AdminResources.http(), PrefsStore.inMemory(), background, UiExecutor.fx(), Clock.systemUTC());
        Scene scene = new Scene(desktop.root(), 1100, 720);
        desktop.style(scene);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void stop() {
        server.close();
        background.close();
    }

    /** Fills the form without typing each character (typing is covered once; it costs seconds per test). */
    private void quickSignIn(FxRobot robot, String password) {
        robot.interact(() -> {
            robot.lookup("#serverUrl").queryAs(TextField.class).setText(server.uri().toString());
            robot.lookup("#email").queryAs(TextField.class).setText(FakeAuthServer.EMAIL);
            robot.lookup("#password").queryAs(TextField.class).setText(password);
        });
        robot.clickOn("#password").type(KeyCode.ENTER);
    }

    private void signIn(FxRobot robot) {
        robot.clickOn("#serverUrl").write(server.uri().toString());
        robot.clickOn("#email").write(FakeAuthServer.EMAIL);
        robot.clickOn("#password").write(FakeAuthServer.PASSWORD).type(KeyCode.ENTER);
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

    private static void await(Supplier<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition::get);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void enterSignsInAndLandsOnTheDashboardWithTheUserInTheStatusBar(FxRobot robot) throws Exception {
        signIn(robot);

        await(() -> "Grace Operator (admin)".equals(text(robot, "#statusUser")));
        assertThat(text(robot, "#screenTitle")).isEqualTo("Dashboard");
        assertThat(text(robot, "#connectionStatus")).isEqualTo("Connected");
        assertThat(text(robot, "#statusServer")).isEqualTo(server.uri().getAuthority());
        await(() -> "Welcome, Grace Operator".equals(text(robot, "#greeting")));
    }

    @Test
    void wrongPasswordIsExplainedOnTheForm(FxRobot robot) throws Exception {
        quickSignIn(robot, "guess");

        await(() -> "The email or password is not right.".equals(text(robot, "#signInError")));
        assertThat(robot.lookup(".connect-view").query().isVisible()).isTrue();
        assertThat(text(robot, "#connectionStatus")).isEqualTo("Not signed in");
    }

    @Test
    void asksForTheAuthenticatorCodeWhenTheServerWantsOne(FxRobot robot) throws Exception {
        server.totpRequired = true;
        quickSignIn(robot, FakeAuthServer.PASSWORD);

        await(() -> robot.lookup("#totpCode").query().isVisible());
        robot.clickOn("#totpCode").write(FakeAuthServer.TOTP).type(KeyCode.ENTER);

        await(() -> "Connected".equals(text(robot, "#connectionStatus")));
    }

    @Test
    void ctrlDigitsSwitchScreens(FxRobot robot) throws Exception {
        quickSignIn(robot, FakeAuthServer.PASSWORD);
        await(() -> "Connected".equals(text(robot, "#connectionStatus")));

        robot.press(KeyCode.CONTROL, KeyCode.DIGIT4).release(KeyCode.DIGIT4, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text(robot, "#screenTitle")).isEqualTo("Users");

        robot.press(KeyCode.CONTROL, KeyCode.DIGIT1).release(KeyCode.DIGIT1, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text(robot, "#screenTitle")).isEqualTo("Dashboard");
    }

    @Test
    void expiredSessionAsksForThePasswordOverTheCurrentScreen(FxRobot robot) throws Exception {
        quickSignIn(robot, FakeAuthServer.PASSWORD);
        await(() -> "Welcome, Grace Operator".equals(text(robot, "#greeting")));
        server.revokeAll(); // access and refresh tokens no longer valid

        robot.clickOn("#reloadDashboard");

        Node prompt = robot.lookup("#reauth").query();
        await(prompt::isVisible);
        assertThat(text(robot, "#connectionStatus")).isEqualTo("Session expired, sign in again");
        assertThat(text(robot, "#screenTitle")).isEqualTo("Dashboard");

        robot.clickOn("#reauthPassword").write(FakeAuthServer.PASSWORD).type(KeyCode.ENTER);

        await(() -> !prompt.isVisible());
        assertThat(text(robot, "#connectionStatus")).isEqualTo("Connected");
        assertThat(text(robot, "#screenTitle")).isEqualTo("Dashboard");
    }
}
