package dev.relaypool.desktop.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.desktop.screenshots.DemoResources;
import dev.relaypool.desktop.testing.ScreenFixture;
import dev.relaypool.model.Platform;
import dev.relaypool.model.admin.AccountTestEvent;
import dev.relaypool.model.admin.AccountView;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AccountsViewModelTest {
    private final ScreenFixture fx = new ScreenFixture();
    private final AccountsViewModel accounts = new AccountsViewModel(fx.context);

    @Test
    void listsAccountsWithTheirGroupNames() {
        accounts.load();

        assertThat(accounts.list().items()).extracting(AccountView::name)
                .containsExactly("Anthropic key A", "Anthropic key B", "OpenAI org");
        assertThat(accounts.groupNames(accounts.list().items().getFirst())).isEqualTo("claude-team");
        assertThat(accounts.list().positionProperty().get()).isEqualTo("1–3 of 3");
    }

    @Test
    void addFormExplainsWhatIsMissingBeforeAskingTheServer() {
        accounts.load();
        AccountFormModel form = accounts.newForm();

        form.save(() -> {});
        assertThat(form.errorProperty().get()).isEqualTo("Give the account a name.");
        form.nameProperty().set("Team key 3");
        form.save(() -> {});
        assertThat(form.errorProperty().get()).isEqualTo("Paste the account's API key.");
        form.apiKeyProperty().set("sk-ant-test");
        form.baseUrlProperty().set("ftp://nope");
        form.save(() -> {});
        assertThat(form.errorProperty().get()).startsWith("The base URL must look like https://");
        form.baseUrlProperty().set("");
        form.concurrencyProperty().set("0");
        form.save(() -> {});
        assertThat(form.errorProperty().get()).isEqualTo("Concurrency must be a whole number from 1 to 10000.");
        assertThat(fx.server.accounts).hasSize(3);
    }

    @Test
    void addingAnAccountSendsItAndRefreshesTheTable() {
        accounts.load();
        AccountFormModel form = accounts.newForm();
        form.nameProperty().set("Team key 3");
        form.platformProperty().set(Platform.ANTHROPIC);
        form.apiKeyProperty().set("  sk-ant-test  ");
        form.chosenGroups().setAll(accounts.groups().getFirst());
        boolean[] closed = {false};

        form.save(() -> closed[0] = true);

        assertThat(closed[0]).isTrue();
        assertThat(accounts.action().noticeProperty().get()).isEqualTo("Team key 3 was added.");
        assertThat(accounts.list().items()).extracting(AccountView::name).contains("Team key 3");
        assertThat(fx.server.accounts.getLast().groups()).singleElement().satisfies(g -> assertThat(g.groupId()).isEqualTo(1));
    }

    @Test
    void disableAndClearCooldownShowTheNewState() {
        accounts.load();
        AccountView cooling = accounts.list().items().get(1);

        accounts.clearCooldown(cooling);
        assertThat(accounts.list().items().get(1).cooldownUntil()).isNull();
        assertThat(accounts.action().noticeProperty().get()).isEqualTo("Anthropic key B may be scheduled again.");

        accounts.setEnabled(cooling, false);
        assertThat(accounts.list().items().get(1).status()).isEqualTo("disabled");
    }

    @Test
    void testShowsEveryStreamedStageThenTheVerdict() {
        accounts.load();
        fx.server.testStages.add(new AccountTestEvent("started", "", null, 0L));
        fx.server.testStages.add(new AccountTestEvent("connected", "", 200, 420L));
        fx.server.testStages.add(new AccountTestEvent("succeeded", "Hello", null, 910L));

        accounts.test(accounts.list().items().getFirst());

        assertThat(accounts.testLogProperty().get()).isEqualTo("""
                Testing Anthropic key A…
                Started — 0 ms
                Connected (HTTP 200) — 420 ms
                Succeeded: Hello — 910 ms
                The account works.
                """);
        assertThat(accounts.testingProperty().get()).isFalse();
    }

    @Test
    void serverDownIsExplainedInWords() {
        fx.server.down = true;
        accounts.load();
        assertThat(accounts.list().errorProperty().get()).startsWith("Cannot reach the server at http://127.0.0.1:9/");
    }

    @Test
    void cooldownCountsDownEverySecondWhileShown() {
        accounts.load();
        AccountView cooling = accounts.list().items().get(1);
        accounts.startTicking();

        assertThat(accounts.stateOf(cooling)).isEqualTo("cooling down");
        assertThat(accounts.cooldown(cooling)).isEqualTo("4:05 left (rate limited)");
        fx.executors.advance(Duration.ofSeconds(5));
        assertThat(accounts.cooldown(cooling)).isEqualTo("4:00 left (rate limited)");
        fx.executors.advance(Duration.ofSeconds(240));
        assertThat(accounts.stateOf(cooling)).isEqualTo("active");
        assertThat(accounts.cooldown(cooling)).isEmpty();

        accounts.stopTicking();
        var stoppedAt = accounts.nowProperty().get();
        fx.executors.advance(Duration.ofSeconds(5));
        assertThat(accounts.nowProperty().get()).isEqualTo(stoppedAt);
    }

    @Test
    void showsEachAccountsFiveHourWindow() {
        accounts.load();
        AccountView a = accounts.list().items().get(0);
        AccountView b = accounts.list().items().get(1);
        AccountView apiKeyOnly = accounts.list().items().get(2);

        assertThat(accounts.fiveHour(a)).hasValueSatisfying(w -> {
            assertThat(w.used()).isEqualTo(0.42);
            assertThat(w.label()).isEqualTo("42% used, resets in 1h 35m");
            assertThat(w.compact()).isEqualTo("42% · 1h 35m");
            assertThat(w.warning()).isFalse();
        });
        assertThat(accounts.fiveHour(b)).hasValueSatisfying(w -> {
            assertThat(w.label()).isEqualTo("91% used, resets in 20:00");
            assertThat(w.warning()).isTrue();
        });
        assertThat(accounts.fiveHour(apiKeyOnly)).isEmpty();
    }

    @Test
    void connectedOAuthAccountAppearsInTheTable() {
        accounts.load();
        var signIn = accounts.oauthSignIn();
        signIn.nameProperty().set("Claude Max");
        signIn.start();
        signIn.browserAt(DemoResources.OAUTH_REDIRECT + "?code=abc&state=state-100");

        assertThat(accounts.list().items()).extracting(AccountView::name).contains("Claude Max");
        assertThat(accounts.action().noticeProperty().get()).isEqualTo("Claude Max is connected.");
    }
}
