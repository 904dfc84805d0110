package dev.relaypool.desktop.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.desktop.testing.ScreenFixture;
import dev.relaypool.model.member.KeyView;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class KeysViewModelTest {
    private final ScreenFixture fx = new ScreenFixture();
    private final KeysViewModel keys = new KeysViewModel(fx.context);

    @Test
    void createdKeyIsShownOnceWithClientSettingsForItsPlatform() {
        keys.load();
        keys.startCreate();
        keys.ownerProperty().set(keys.users().get(1));
        keys.groupProperty().set(keys.groups().getFirst());
        keys.nameProperty().set("desktop");
        keys.quotaProperty().set("$25.50");
        keys.expiresProperty().set("2026-12-31");
        boolean[] closed = {false};

        keys.create(() -> closed[0] = true);

        assertThat(closed[0]).isTrue();
        String secret = keys.createdProperty().get().key();
        assertThat(secret).startsWith("rp_");
        assertThat(keys.createdSettings()).extracting(ClientSettings.Snippet::client)
                .containsExactly("Claude Code", "Codex CLI", "Gemini CLI");
        assertThat(keys.createdSettings().getFirst().text())
                .contains("ANTHROPIC_BASE_URL=http://127.0.0.1:9").contains("ANTHROPIC_AUTH_TOKEN=" + secret);
        KeyView stored = fx.server.keys.getLast();
        assertThat(stored.quotaUsd()).isEqualByComparingTo(new BigDecimal("25.50"));
        assertThat(stored.expiresAt()).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
        assertThat(keys.list().items()).extracting(KeyView::name).contains("desktop");

        keys.forgetCreated();
        assertThat(keys.createdProperty().get()).isNull();
        assertThat(keys.createdSettings()).isEmpty();
    }

    @Test
    void createFormNamesTheFirstProblem() {
        keys.load();
        keys.startCreate();
        keys.create(() -> {});
        assertThat(keys.formErrorProperty().get()).isEqualTo("Choose the member the key is for.");
        keys.ownerProperty().set(keys.users().getFirst());
        keys.groupProperty().set(keys.groups().getFirst());
        keys.nameProperty().set("x");
        keys.quotaProperty().set("lots");
        keys.create(() -> {});
        assertThat(keys.formErrorProperty().get()).startsWith("Quota must be an amount in USD");
        assertThat(keys.createdProperty().get()).isNull();
    }

    @Test
    void revokingMarksTheKeyRevoked() {
        keys.load();
        keys.revoke(keys.list().items().getFirst());
        assertThat(keys.list().items().getFirst().status()).isEqualTo("revoked");
        assertThat(keys.action().noticeProperty().get()).contains("revoked");
    }

    @Test
    void statusFilterGoesToTheServer() {
        keys.load();
        keys.list().filter("status").set("revoked");
        assertThat(fx.server.queries.getLast().parameters()).containsEntry("status", "revoked").containsEntry("page", "0");
        assertThat(keys.list().items()).isEmpty();
        assertThat(keys.list().positionProperty().get()).isEqualTo("No results");
    }
}
