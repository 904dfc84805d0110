package dev.relaypool.desktop.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class RedirectCatcherTest {
    private final RedirectCatcher catcher = RedirectCatcher.forAuthorizeUrl(URI.create(
            "https://claude.ai/oauth/authorize?response_type=code&client_id=c"
                    + "&redirect_uri=https%3A%2F%2Frelay.example%2Foauth%2Fcallback&state=s-1&code_challenge=x"), "s-1");

    @Test
    void readsTheRedirectUriFromTheAuthorisationUrl() {
        assertThat(catcher.redirectUri()).contains("https://relay.example/oauth/callback");
    }

    @Test
    void takesTheCodeFromTheRedirect() {
        assertThat(catcher.look("https://relay.example/oauth/callback?code=ab%2Fc&state=s-1"))
                .isEqualTo(new RedirectCatcher.Seen.Code("ab/c", "s-1"));
        assertThat(catcher.look("https://relay.example/oauth/callback/?code=xyz&state=s-1"))
                .isEqualTo(new RedirectCatcher.Seen.Code("xyz", "s-1"));
    }

    @Test
    void takesTheCodeFromAnyPageCarryingThisFlowsState() {
        assertThat(catcher.look("https://console.example/oauth/code/callback?code=k9&state=s-1"))
                .isEqualTo(new RedirectCatcher.Seen.Code("k9", "s-1"));
        assertThat(catcher.look("https://console.example/oauth/code/callback?code=k9&state=someone-else"))
                .isInstanceOf(RedirectCatcher.Seen.Elsewhere.class);
    }

    @Test
    void ignoresTheProvidersOwnPages() {
        assertThat(catcher.look("https://claude.ai/login?returnTo=%2Foauth%2Fauthorize")).isInstanceOf(RedirectCatcher.Seen.Elsewhere.class);
        assertThat(catcher.look("https://claude.ai/oauth/authorize?response_type=code&state=s-1"))
                .isInstanceOf(RedirectCatcher.Seen.Elsewhere.class); // our state, but no code yet
        assertThat(catcher.look("")).isInstanceOf(RedirectCatcher.Seen.Elsewhere.class);
        assertThat(catcher.look("not a url at all")).isInstanceOf(RedirectCatcher.Seen.Elsewhere.class);
    }

    @Test
    void reportsARefusal() {
        assertThat(catcher.look("https://relay.example/oauth/callback?error=access_denied&error_description=User+said+no&state=s-1"))
                .isEqualTo(new RedirectCatcher.Seen.Refused("access_denied", "User said no"));
    }

    @Test
    void withoutARedirectUriOnlyTheStateCounts() {
        RedirectCatcher bare = RedirectCatcher.forAuthorizeUrl(URI.create("https://auth.example/authorize?state=s-2"), "s-2");

        assertThat(bare.redirectUri()).isEmpty();
        assertThat(bare.look("https://anywhere.example/cb?code=c1&state=s-2")).isEqualTo(new RedirectCatcher.Seen.Code("c1", "s-2"));
        assertThat(bare.look("https://anywhere.example/cb?code=c1")).isInstanceOf(RedirectCatcher.Seen.Elsewhere.class);
    }
}
