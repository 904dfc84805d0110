package dev.relaypool.desktop.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.desktop.testing.ScreenFixture;
import dev.relaypool.model.auth.ServerSettings;
import org.junit.jupiter.api.Test;

class SettingsViewModelTest {
    private final ScreenFixture fx = new ScreenFixture();
    private final SettingsViewModel settings = new SettingsViewModel(fx.context);

    @Test
    void changingRegistrationSavesItAndSaysWhatItMeans() {
        settings.load();
        assertThat(settings.registrationProperty().get()).isEqualTo("closed");
        assertThat(settings.changedProperty().get()).isFalse();
        settings.save();
        assertThat(settings.action().errorProperty().get()).isEqualTo("Nothing has changed.");

        settings.registrationProperty().set("invitation");
        assertThat(settings.changedProperty().get()).isTrue();
        settings.save();

        assertThat(fx.server.settings).isEqualTo(new ServerSettings("invitation"));
        assertThat(settings.changedProperty().get()).isFalse();
        assertThat(settings.action().noticeProperty().get()).isEqualTo("Sign-up needs a valid invitation code.");
    }

    @Test
    void revertPutsBackWhatTheServerHolds() {
        settings.load();
        settings.registrationProperty().set("open");

        settings.revert();

        assertThat(settings.registrationProperty().get()).isEqualTo("closed");
    }

    @Test
    void unreachableServerIsSaidInWords() {
        fx.server.down = true;

        settings.load();

        assertThat(settings.action().errorProperty().get()).startsWith("Cannot reach the server at http://127.0.0.1:9/");
    }

    @Test
    void invitationCodesAreCreatedCheckedAndDisabled() {
        settings.load();
        InvitationsViewModel invitations = settings.invitations();
        assertThat(invitations.list().items()).hasSize(2);
        invitations.startCreate();
        invitations.maxUsesProperty().set("0");
        invitations.create(() -> {});
        assertThat(invitations.formErrorProperty().get()).isEqualTo("Each code allows from 1 to 10000 sign-ups.");
        invitations.maxUsesProperty().set("3");
        invitations.countProperty().set("2");
        invitations.expiresProperty().set("2025-12-31");
        invitations.create(() -> {});
        assertThat(invitations.formErrorProperty().get()).isEqualTo("The expiry date has passed already.");
        invitations.expiresProperty().set("");

        invitations.create(() -> {});

        assertThat(invitations.createdProperty().get().lines()).hasSize(2).allMatch(code -> code.startsWith("INV-"));
        assertThat(invitations.list().items()).hasSize(4);
        assertThat(fx.server.invitations.getLast().maxUses()).isEqualTo(3);

        invitations.disable(invitations.list().items().getFirst());

        assertThat(fx.server.invitations.getFirst().status()).isEqualTo("disabled");
        assertThat(invitations.action().noticeProperty().get()).isEqualTo("Invitation code INV-7QKM-2XRT-9HDP-4VWA is disabled.");
    }
}
