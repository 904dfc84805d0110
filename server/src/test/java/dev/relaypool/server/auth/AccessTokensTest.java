package dev.relaypool.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.server.api.Role;
import dev.relaypool.server.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AccessTokensTest {
    private final TestClock clock = new TestClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final byte[] key = new byte[32];
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
        AccessTokens other = new AccessTokens((new byte[] {
                1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}), clock);

        assertThat(tokens.verify(forged)).isInstanceOf(AccessTokens.Verification.Invalid.class);
        assertThat(other.verify(token)).isInstanceOf(AccessTokens.Verification.Invalid.class);
        assertThat(tokens.verify("v1.%%%.###")).isInstanceOf(AccessTokens.Verification.Invalid.class);
        assertThat(tokens.verify("rpa_abc")).isInstanceOf(AccessTokens.Verification.Invalid.class);
    }
}
