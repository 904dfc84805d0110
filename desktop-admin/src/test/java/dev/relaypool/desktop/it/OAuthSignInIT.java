package dev.relaypool.desktop.it;

import static dev.relaypool.desktop.it.RealServerUi.await;
import static dev.relaypool.desktop.it.RealServerUi.goTo;
import static dev.relaypool.desktop.it.RealServerUi.row;
import static dev.relaypool.desktop.it.RealServerUi.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.relaypool.server.testing.ApiClient;
import dev.relaypool.server.testing.PostgresExtension;
import dev.relaypool.server.testing.RelayFixture;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import javafx.scene.control.TableView;
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
 * The OAuth dialog's embedded browser against a pretend provider on loopback: its authorisation page approves at once
 * and redirects to the configured redirect URI with a code; the app catches it and the account is created — no code
 * typed. The token exchange goes to the fake upstream's token endpoint.
 */
@ExtendWith(ApplicationExtension.class)
class OAuthSignInIT {
    @RegisterExtension
    static final PostgresExtension postgres = new PostgresExtension();
    private static HttpServer provider;
    private static RelayFixture relay;
    private static ApiClient.SignedIn admin;
    private final RealServerUi ui = new RealServerUi();

    @BeforeAll
    static void start() throws IOException {
        provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        provider.createContext("/authorize", OAuthSignInIT::approve);
        provider.createContext("/callback", exchange -> reply(exchange, 200, "Signed in. You can close this page."));
        provider.start();
        String providerUrl = "http://127.0.0.1:" + provider.getAddress().getPort();
        relay = RelayFixture.start(postgres, upstream -> Map.of(
                "RELAYPOOL_OAUTH_ANTHROPIC_CLIENT_ID", "relaypool-desktop-it",
                "RELAYPOOL_OAUTH_ANTHROPIC_AUTHORIZE_URL", providerUrl + "/authorize",
                "RELAYPOOL_OAUTH_ANTHROPIC_REDIRECT_URI", providerUrl + "/callback",
                "RELAYPOOL_OAUTH_ANTHROPIC_TOKEN_URL", upstream + "/v1/oauth/token"));
        admin = new ApiClient(relay.baseUrl()).signUp(postgres, "admin");
    }

    @AfterAll
    static void stop() {
        relay.close();
        provider.stop(0);
    }

    /** The operator "approves": straight back to redirect_uri with a code and the state. */
    private static void approve(HttpExchange exchange) throws IOException {
        Map<String, String> query = Arrays.stream(exchange.getRequestURI().getRawQuery().split("&"))
                .map(pair -> pair.split("=", 2))
                .collect(java.util.stream.Collectors.toMap(p -> p[0], p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
        exchange.getResponseHeaders().add("Location", query.get("redirect_uri") + "?code=approved-code&state="
                + URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8));
        reply(exchange, 302, "");
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Start
    void show(Stage stage) {
        ui.show(stage);
    }

    @AfterEach
    void close() {
        ui.close();
    }

    @Test
    void embeddedBrowserCatchesTheRedirectAndCreatesTheAccount(FxRobot robot) throws Exception {
        RealServerUi.signIn(robot, relay.baseUrl(), admin.email(), ApiClient.PASSWORD);
        goTo(robot, KeyCode.DIGIT2, "Accounts");

        robot.clickOn("#addOauthAccount");
        robot.clickOn("#oauthName").write("Claude Max");
        robot.clickOn("#oauthStart");

        await(() -> text(robot, "#oauthConnected").startsWith("Claude Max (anthropic, active) is connected."));
        robot.clickOn("#oauthClose");
        TableView<?> accounts = robot.lookup("#accountsTable").queryTableView();
        await(() -> accounts.getItems().size() == 1);
        assertThat(row(accounts, 0, "Name", "Platform")).containsExactly("Claude Max", "anthropic");
        var stored = new ApiClient(relay.baseUrl()).get("/api/v1/admin/accounts", admin.token()).body().path("items").get(0);
        assertThat(stored.path("type").asText()).isEqualTo("oauth");
        assertThat(stored.path("status").asText()).isEqualTo("active");
        assertThat(relay.upstream.tokenCalls()).isEqualTo(1); // the code was exchanged once
    }
}
