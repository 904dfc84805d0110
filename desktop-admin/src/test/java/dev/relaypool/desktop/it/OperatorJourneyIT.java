package dev.relaypool.desktop.it;

import static dev.relaypool.desktop.it.RealServerUi.await;
import static dev.relaypool.desktop.it.RealServerUi.goTo;
import static dev.relaypool.desktop.it.RealServerUi.row;
import static dev.relaypool.desktop.it.RealServerUi.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.fake.Usage;
import dev.relaypool.model.Platform;
import dev.relaypool.server.testing.ApiClient;
import dev.relaypool.server.testing.PostgresExtension;
import dev.relaypool.server.testing.RelayFixture;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The app against a real relay (embedded PostgreSQL, the fake upstream), driven only through the window: sign in,
 * add an API-key account, create a key, and see a request made with that key arrive in the dashboard's live feed.
 */
@ExtendWith(ApplicationExtension.class)
class OperatorJourneyIT {
    @RegisterExtension
    static final PostgresExtension postgres = new PostgresExtension();
    private static final String MODEL = "claude-sonnet-4-20250514";
    private static RelayFixture relay;
    private static ApiClient.SignedIn admin;
    private static String memberEmail;
    private static String groupName;
    private final RealServerUi ui = new RealServerUi();

    @BeforeAll
    static void startRelay() {
        relay = RelayFixture.start(postgres);
        admin = new ApiClient(relay.baseUrl()).signUp(postgres, "admin");
        long member = relay.user(new BigDecimal("10"));
        memberEmail = postgres.dsl().select(dev.relaypool.server.storage.schema.Tables.USERS.EMAIL)
                .from(dev.relaypool.server.storage.schema.Tables.USERS)
                .where(dev.relaypool.server.storage.schema.Tables.USERS.ID.eq(member)).fetchSingle().value1();
        long group = relay.group(Platform.ANTHROPIC);
        groupName = postgres.dsl().select(dev.relaypool.server.storage.schema.Tables.GROUPS.NAME)
                .from(dev.relaypool.server.storage.schema.Tables.GROUPS)
                .where(dev.relaypool.server.storage.schema.Tables.GROUPS.ID.eq(group)).fetchSingle().value1();
        relay.upstream.setUsage(Usage.of(1000, 200));
    }

    @AfterAll
    static void stopRelay() {
        relay.close();
    }

    @Start
    void start(Stage stage) {
        ui.show(stage);
    }

    @AfterEach
    void close() {
        ui.close();
    }

    @Test
    void operatorAddsAnAccountAndAKeyThenSeesTheMembersRequestLive(FxRobot robot) throws Exception {
        RealServerUi.signIn(robot, relay.baseUrl(), admin.email(), ApiClient.PASSWORD);

        goTo(robot, KeyCode.DIGIT2, "Accounts");
        robot.clickOn("#addAccount");
        robot.clickOn("#accountName").write("Fake Anthropic");
        robot.clickOn("#accountBaseUrl").write(relay.upstream.baseUrl());
        robot.clickOn("#accountApiKey").write("sk-ant-fake-upstream");
        await(() -> robot.lookup(groupName + " (anthropic)").tryQuery().isPresent());
        robot.clickOn(groupName + " (anthropic)");
        robot.clickOn("#dialogOk");
        TableView<?> accounts = robot.lookup("#accountsTable").queryTableView();
        await(() -> accounts.getItems().size() == 1 && row(accounts, 0, "Name").getFirst().equals("Fake Anthropic"));
        assertThat(row(accounts, 0, "Platform", "Groups")).containsExactly("anthropic", groupName);

        goTo(robot, KeyCode.DIGIT3, "Keys");
        robot.clickOn("#newKey");
        robot.clickOn("#keyOwner");
        robot.clickOn(memberEmail);
        robot.clickOn("#keyGroup");
        robot.clickOn(groupName + " (anthropic)");
        robot.clickOn("#keyName").write("laptop");
        robot.clickOn("#dialogOk");
        await(() -> robot.lookup("#createdKey").tryQuery().isPresent());
        String key = robot.lookup("#createdKey").queryAs(TextField.class).getText();
        assertThat(key).hasSizeGreaterThan(20);
        robot.clickOn("Close");

        goTo(robot, KeyCode.DIGIT1, "Dashboard");
        await(() -> text(robot, "#liveStatus").equals("Live"));
        HttpResponse<String> answer = relayed(key);
        assertThat(answer.statusCode()).isEqualTo(200);

        TableView<?> feed = robot.lookup("#liveFeed").queryTableView();
        // the event carries ids; the new key's name is looked up when it first appears
        await(() -> !feed.getItems().isEmpty() && row(feed, 0, "Key").getFirst().equals("laptop"));
        assertThat(row(feed, 0, "User", "Key", "Model", "Tokens", "Cost", "Status"))
                .containsExactly(memberEmail, "laptop", MODEL, "1.2k", "$0.0060", "200");
    }

    /** A member's request with the key the operator just created: a plain HTTP client, as any SDK would send it. */
    private static HttpResponse<String> relayed(String key) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(relay.baseUrl() + "/v1/messages"))
                .timeout(Duration.ofSeconds(20))
                .header("x-api-key", key).header("anthropic-version", "2023-06-01").header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + MODEL + "\",\"max_tokens\":64,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}"))
                .build();
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }
}
