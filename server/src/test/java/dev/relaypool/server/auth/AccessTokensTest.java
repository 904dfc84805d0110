package dev.relaypool.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.server.api.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AccessTokensTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final byte[] key = TokenKeys.accessTokenKey(new byte[32]);
    private final AccessTokens tokens = new AccessTokens(key, clock);

    @Test
    void acceptsItsOwnTokenUntilItExpires() {
        UUID session = UUID.randomUUID();
        AccessTokens.Issued issued = tokens.issue(42, Role.ADMIN, session);

        assertThat(issued.token()).startsWith("v1.");
        assertThat(tokens.verify(issued.token())).isEqualTo(new AccessTokens.Verification.Valid(
                new AccessTokens.Claims(42, Role.ADMIN, session, clock.instant(), clock.instant().plus(AccessTokens.LIFETIME))));
        clock.advance(Duration.ofMinutes(15));
        assertThat(tokens.verify(issued.token())).isInstanceOf(AccessTokens.Verification.Expired.class);
    }

    @Test
    void rejectsATamperedPayloadOrAForeignKey() {
        String token = tokens.issue(1, Role.MEMBER, UUID.randomUUID()).token();
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(java.util.Base64.getUrlDecoder().decode(parts[1])).replace("member", "admin").getBytes()) + "." + parts[2];
        AccessTokens other = new AccessTokens(TokenKeys.accessTokenKey(new byte[] {
                1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}), clock);

        assertThat(tokens.verify(forged)).isInstanceOf(AccessTokens.Verification.Invalid.class);
        assertThat(other.verify(token)).isInstanceOf(AccessTokens.Verification.Invalid.class);
        assertThat(tokens.verify("v1.%%%.###")).isInstanceOf(AccessTokens.Verification.Invalid.class);
        assertThat(tokens.verify("rpa_abc")).isInstanceOf(AccessTokens.Verification.Invalid.class);
    }

    @Test
    void hkdfMatchesRfc5869TestCase1() {
        HexFormat hex = HexFormat.of();
        byte[] okm = TokenKeys.hkdf(hex.parseHex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b"),
                hex.parseHex("000102030405060708090a0b0c"), hex.parseHex("f0f1f2f3f4f5f6f7f8f9"), 42);
        assertThat(hex.formatHex(okm)).isEqualTo(
                "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
    }
}
