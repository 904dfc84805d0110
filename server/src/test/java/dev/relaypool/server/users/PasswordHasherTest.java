package dev.relaypool.server.users;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void acceptsTheRightPasswordAndRejectsOthers() {
        String stored = hasher.hash("correct horse battery staple");
        assertThat(hasher.verify("correct horse battery staple", stored)).isTrue();
        assertThat(hasher.verify("correct horse battery stapler", stored)).isFalse();
        assertThat(hasher.verify("", stored)).isFalse();
    }

    @Test
    void writesArgon2idInPhcFormatWithARandomSalt() {
        String first = hasher.hash("secret");
        String second = hasher.hash("secret");
        assertThat(first).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(first).isNotEqualTo(second);
        assertThat(hasher.needsRehash(first)).isFalse();
    }

    @Test
    void verifiesHashesMadeWithAnotherCost() {
        String old = new PasswordHasher(new PasswordHasher.Cost(4096, 1, 1)).hash("secret");
        assertThat(hasher.verify("secret", old)).isTrue();
        assertThat(hasher.needsRehash(old)).isTrue();
    }

    @Test
    void rejectsMalformedStoredHashes() {
        assertThat(hasher.verify("secret", null)).isFalse();
        assertThat(hasher.verify("secret", "")).isFalse();
        assertThat(hasher.verify("secret", "$2a$10$abcdefghijklmnopqrstuv")).isFalse();
        assertThat(hasher.verify("secret", "$argon2id$v=19$m=0,t=0,p=0$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"))
                .isFalse();
    }

    @Test
    void knownVectorFromAnotherImplementationVerifies() {
        // made by the reference implementation's CLI: echo -n password | argon2 somesaltsomesalt -id -k 19456 -t 2 -p 1 -e
        String reference = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$K13EBUiG7JV+9ZxztmHFTdb7J0WQsnj2V8bZaqyPptE";
        assertThat(hasher.verify("password", reference)).isTrue();
        assertThat(hasher.verify("Password", reference)).isFalse();
    }
}
