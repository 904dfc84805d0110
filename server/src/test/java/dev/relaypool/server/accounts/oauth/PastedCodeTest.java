package dev.relaypool.server.accounts.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PastedCodeTest {

    @Test
    void acceptsABareCode() {
        assertThat(PastedCode.parse("  abc123-XYZ \n")).isEqualTo(ok("abc123-XYZ", null));
    }

    @Test
    void acceptsCodeHashState() {
        assertThat(PastedCode.parse("abc123#state-456")).isEqualTo(ok("abc123", "state-456"));
        assertThat(PastedCode.parse("abc123#")).isEqualTo(ok("abc123", null));
    }

    @Test
    void acceptsTheWholeRedirectUrl() {
        assertThat(PastedCode.parse("https://relay.example/oauth/callback?code=ab%2Fc&state=st1&scope=x"))
                .isEqualTo(ok("ab/c", "st1"));
        assertThat(PastedCode.parse("http://localhost:1455/cb?state=st2&code=zz")).isEqualTo(ok("zz", "st2"));
    }

    @Test
    void refusesEmptyInputAUrlWithoutCodeAndAProviderError() {
        assertThat(PastedCode.parse("  ")).isInstanceOf(PastedCode.Parsed.Invalid.class);
        assertThat(PastedCode.parse("https://relay.example/cb?state=x")).isInstanceOf(PastedCode.Parsed.Invalid.class);
        assertThat(PastedCode.parse("https://relay.example/cb?error=access_denied&state=x"))
                .isInstanceOfSatisfying(PastedCode.Parsed.Invalid.class, i -> assertThat(i.reason()).contains("access_denied"));
        assertThat(PastedCode.parse("two words")).isInstanceOf(PastedCode.Parsed.Invalid.class);
    }

    @Test
    void neverPrintsTheCode() {
        assertThat(new PastedCode("secret-code", Optional.of("s")).toString()).doesNotContain("secret-code");
    }

    @Test
    void pkceChallengeMatchesTheRfc7636Example() {
        assertThat(Pkce.challengeOf("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
                .isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
        Pkce generated = Pkce.generate(new SecureRandom());
        assertThat(generated.verifier()).hasSize(43).matches("[A-Za-z0-9_-]+");
        assertThat(generated.challenge()).isEqualTo(Pkce.challengeOf(generated.verifier()));
        assertThat(generated.toString()).doesNotContain(generated.verifier());
    }

    private static PastedCode.Parsed ok(String code, String state) {
        return new PastedCode.Parsed.Ok(new PastedCode(code, Optional.ofNullable(state)));
    }
}
