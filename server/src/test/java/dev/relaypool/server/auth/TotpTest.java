package dev.relaypool.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.server.testing.TestClock;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TotpTest {
    // RFC 6238 appendix B, SHA1 secret; the 8-digit values' last 6 digits are the 6-digit codes
    private static final String RFC_SECRET = Base32.encode("12345678901234567890".getBytes(StandardCharsets.US_ASCII));

    @Test
    void matchesTheRfc6238TestVectors() {
        assertThat(Totp.code(Base32.decode(RFC_SECRET), 59 / 30)).isEqualTo("287082");
        assertThat(Totp.code(Base32.decode(RFC_SECRET), 1111111109L / 30)).isEqualTo("081804");
        assertThat(Totp.code(Base32.decode(RFC_SECRET), 1234567890L / 30)).isEqualTo("005924");
        assertThat(Totp.code(Base32.decode(RFC_SECRET), 20000000000L / 30)).isEqualTo("353130");
    }

    @Test
    void acceptsTheCodeOfOneStepBeforeAndAfterButNotTwo() {
        TestClock clock = new TestClock(Instant.ofEpochSecond(1_000_000_020L));
        Totp totp = new Totp(clock, new SecureRandom());
        String secret = totp.newSecret();
        String code = totp.currentCode(secret);

        assertThat(totp.verify(secret, code)).hasValue(1_000_000_020L / 30);
        clock.advance(Duration.ofSeconds(30));
        assertThat(totp.verify(secret, code)).isPresent();
        clock.advance(Duration.ofSeconds(30));
        assertThat(totp.verify(secret, code)).isEmpty();
    }

    @Test
    void refusesMalformedCodes() {
        Totp totp = new Totp(new TestClock(Instant.EPOCH), new SecureRandom());
        String secret = totp.newSecret();
        assertThat(totp.verify(secret, "12345")).isEmpty();
        assertThat(totp.verify(secret, "abcdef")).isEmpty();
        assertThat(totp.verify(secret, null)).isEmpty();
    }

    @Test
    void secretsRoundTripThroughBase32AndTheUriNamesIssuerAndAccount() {
        byte[] bytes = {0, 1, 2, (byte) 250, (byte) 255, 17, 99};
        assertThat(Base32.decode(Base32.encode(bytes))).isEqualTo(bytes);
        assertThat(Base32.encode("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI");
        assertThat(Totp.otpauthUri("Relaypool", "ann@example.com", "ABC"))
                .isEqualTo("otpauth://totp/Relaypool:ann%40example.com?secret=ABC&issuer=Relaypool&algorithm=SHA1&digits=6&period=30");
    }
}
