package dev.relaypool.desktop.prefs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrefsStoreTest {
    @TempDir
    Path dir;

    @Test
    void remembersWindowScreenThemeAndProfilesAcrossRuns() {
        Path file = dir.resolve("sub/desktop.json");
        new PrefsStore(file).update(p -> p.withWindow(new WindowBounds(10, 20, 1000, 700, true))
                .withLastScreen("USERS").withTheme(Theme.DARK)
                .withProfile(null, new ServerProfile("Prod", "relay.example.com", "ops@example.com")));

        DesktopPrefs again = new PrefsStore(file).get();

        assertThat(again.window()).isEqualTo(new WindowBounds(10, 20, 1000, 700, true));
        assertThat(again.lastScreen()).isEqualTo("USERS");
        assertThat(again.theme()).isEqualTo(Theme.DARK);
        assertThat(again.profiles()).containsExactly(new ServerProfile("Prod", "https://relay.example.com/", "ops@example.com"));
        assertThat(again.selectedProfile()).isEqualTo("Prod");
    }

    @Test
    void windowWithoutPositionSurvivesTheRoundTrip() {
        Path file = dir.resolve("desktop.json");
        new PrefsStore(file).update(p -> p.withWindow(WindowBounds.DEFAULT));

        assertThat(new PrefsStore(file).get().window().hasPosition()).isFalse();
    }

    @Test
    void brokenFileGivesDefaults() throws Exception {
        Path file = dir.resolve("desktop.json");
        Files.writeString(file, "{not json");

        assertThat(new PrefsStore(file).get()).isEqualTo(DesktopPrefs.DEFAULT);
    }

    @Test
    void acceptsWhatPeopleTypeAsServerAddress() {
        assertThat(ServerProfile.normalizeUrl("relay.example.com")).isEqualTo("https://relay.example.com/");
        assertThat(ServerProfile.normalizeUrl("localhost:8080")).isEqualTo("http://localhost:8080/");
        assertThat(ServerProfile.normalizeUrl(" http://10.0.0.5:8080/relay ")).isEqualTo("http://10.0.0.5:8080/relay/");
        assertThatThrownBy(() -> ServerProfile.normalizeUrl("")).hasMessageContaining("enter the server address");
        assertThatThrownBy(() -> ServerProfile.normalizeUrl("http://exa mple")).hasMessageContaining("not a valid");
    }
}
