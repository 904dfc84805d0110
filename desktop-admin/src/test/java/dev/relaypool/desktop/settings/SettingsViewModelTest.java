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
}
