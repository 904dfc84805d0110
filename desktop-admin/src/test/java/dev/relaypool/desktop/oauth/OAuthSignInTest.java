package dev.relaypool.desktop.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.desktop.screenshots.DemoResources;
import dev.relaypool.desktop.testing.ScreenFixture;
import dev.relaypool.model.admin.AccountView;
import dev.relaypool.model.admin.OAuthFinishRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OAuthSignInTest {
    private final ScreenFixture fx = new ScreenFixture();
    private final List<AccountView> connected = new ArrayList<>();
    private final OAuthSignIn signIn = new OAuthSignIn(fx.context, connected::add);

    private String started() {
        signIn.nameProperty().set("Claude Max");
        signIn.start();
        return signIn.pageUrlProperty().get();
    }

    @Test
    void asksForANameBeforeStarting() {
        signIn.start();

        assertThat(signIn.errorProperty().get()).isEqualTo("Give the account a name.");
        assertThat(signIn.stepProperty().get()).isEqualTo(OAuthSignIn.Step.DETAILS);
        assertThat(signIn.pageUrlProperty().get()).isEmpty();
    }

    @Test
    void startingOpensTheProvidersPage() {
        String page = started();

        assertThat(page).startsWith("https://auth.example/authorize?").contains("state=state-100");
        assertThat(signIn.stepProperty().get()).isEqualTo(OAuthSignIn.Step.AUTHORISING);
    }

    @Test
    void theRedirectFinishesTheSignInWithoutTyping() {
        started();
        signIn.browserAt("https://auth.example/login");
        assertThat(fx.server.oauthFinishes).isEmpty();

        signIn.browserAt(DemoResources.OAUTH_REDIRECT + "?code=the-code&state=state-100");
        signIn.browserAt(DemoResources.OAUTH_REDIRECT + "?code=the-code&state=state-100"); // the page reloads: once only

        assertThat(fx.server.oauthFinishes).containsExactly(new OAuthFinishRequest("state-100", "the-code"));
        assertThat(signIn.stepProperty().get()).isEqualTo(OAuthSignIn.Step.CONNECTED);
        assertThat(signIn.connectedProperty().get().name()).isEqualTo("Claude Max");
        assertThat(connected).extracting(AccountView::type).containsExactly("oauth");
    }

    @Test
    void aRefusalAtTheProviderIsExplainedAndThePasteFieldStaysOpen() {
        started();

        signIn.browserAt(DemoResources.OAUTH_REDIRECT + "?error=access_denied&state=state-100");

        assertThat(signIn.errorProperty().get()).startsWith("The provider did not authorise the account (access_denied)");
        assertThat(signIn.stepProperty().get()).isEqualTo(OAuthSignIn.Step.AUTHORISING);
        assertThat(fx.server.oauthFinishes).isEmpty();
    }

    @Test
    void pastedCodeIsTheFallback() {
        started();
        signIn.submitPasted();
        assertThat(signIn.errorProperty().get()).isEqualTo("Paste the code (or the whole address) the provider showed.");

        signIn.pastedProperty().set("  refused-code#state-100 ");
        signIn.submitPasted();
        assertThat(signIn.errorProperty().get()).contains("the provider refused the code");
        assertThat(signIn.stepProperty().get()).isEqualTo(OAuthSignIn.Step.AUTHORISING);

        signIn.pastedProperty().set("good-code#state-100");
        signIn.submitPasted();
        assertThat(fx.server.oauthFinishes).last().isEqualTo(new OAuthFinishRequest("state-100", "good-code#state-100"));
        assertThat(signIn.stepProperty().get()).isEqualTo(OAuthSignIn.Step.CONNECTED);
        assertThat(connected).hasSize(1);
    }

    @Test
    void ignoresTheBrowserBeforeTheFlowStarts() {
        signIn.browserAt(DemoResources.OAUTH_REDIRECT + "?code=early&state=state-100");

        assertThat(fx.server.oauthFinishes).isEmpty();
        assertThat(signIn.stepProperty().get()).isEqualTo(OAuthSignIn.Step.DETAILS);
    }
}
