package dev.relaypool.desktop.connect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.desktop.prefs.PrefsStore;
import dev.relaypool.desktop.prefs.ServerProfile;
import dev.relaypool.desktop.session.Backoff;
import dev.relaypool.desktop.session.ConnectionState;
import dev.relaypool.desktop.session.Session;
import dev.relaypool.desktop.testing.ManualExecutors;
import dev.relaypool.desktop.testing.MutableClock;
import dev.relaypool.desktop.testing.StubAdminApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectViewModelTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
    private final StubAdminApi api = new StubAdminApi(clock);
    private final Session session = new Session(api, new ManualExecutors(clock).async(), clock, Backoff.standard());
    @TempDir
    Path dir;

    private ConnectViewModel viewModel(PrefsStore prefs) {
        ConnectViewModel vm = new ConnectViewModel(session, prefs);
        vm.serverUrlProperty().set("localhost:8080");
        vm.emailProperty().set(StubAdminApi.ADMIN.email());
        vm.passwordProperty().set(StubAdminApi.PASSWORD);
        return vm;
    }

    @Test
    void signsInAndRemembersTheServerAndEmailButNotThePassword() throws Exception {
        PrefsStore prefs = new PrefsStore(dir.resolve("desktop.json"));
        ConnectViewModel vm = viewModel(prefs);

        vm.signIn();

        assertThat(session.stateProperty().get()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(vm.passwordProperty().get()).isEmpty();
        assertThat(vm.errorProperty().get()).isEmpty();
        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(prefs.get().profiles()).containsExactly(
                new ServerProfile("localhost", "http://localhost:8080/", StubAdminApi.ADMIN.email()));
        String saved = Files.readString(dir.resolve("desktop.json"));
        assertThat(saved).contains("admin@example.com").doesNotContain(StubAdminApi.PASSWORD).doesNotContain("access-");
    }

    @Test
    void wrongPasswordSaysSoInPlainWords() {
        ConnectViewModel vm = viewModel(PrefsStore.inMemory());
        vm.passwordProperty().set("nope");

        vm.signIn();

        assertThat(vm.errorProperty().get()).isEqualTo("The email or password is not right.");
        assertThat(session.stateProperty().get()).isEqualTo(ConnectionState.SIGNED_OUT);
        assertThat(vm.busyProperty().get()).isFalse();
    }

    @Test
    void asksForTheAuthenticatorCodeWhenTheServerWantsOne() {
        api.totpRequired = true;
        ConnectViewModel vm = viewModel(PrefsStore.inMemory());

        vm.signIn();

        assertThat(vm.totpVisibleProperty().get()).isTrue();
        assertThat(vm.hintProperty().get()).isEqualTo("Enter the 6-digit code from your authenticator app.");
        assertThat(vm.errorProperty().get()).isEmpty();
        assertThat(session.stateProperty().get()).isEqualTo(ConnectionState.SIGNED_OUT);

        vm.totpCodeProperty().set("000000");
        vm.signIn();
        assertThat(vm.errorProperty().get()).startsWith("That code was not accepted");

        vm.totpCodeProperty().set("123456");
        vm.signIn();
        assertThat(session.stateProperty().get()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(vm.totpVisibleProperty().get()).isFalse();
    }

    @Test
    void unreachableServerIsNamed() {
        api.down = true;
        ConnectViewModel vm = viewModel(PrefsStore.inMemory());

        vm.signIn();

        assertThat(vm.errorProperty().get())
                .isEqualTo("Cannot reach the server at http://localhost:8080/. Check the address and that the server is running.");
    }

    @Test
    void tooManyAttemptsTellsHowLongToWait() {
        api.tooManyAttempts = Duration.ofSeconds(90);
        ConnectViewModel vm = viewModel(PrefsStore.inMemory());

        vm.signIn();

        assertThat(vm.errorProperty().get()).isEqualTo("Too many sign-in attempts. Try again in 2 minutes.");
    }

    @Test
    void rejectsAnAddressThatIsNotAWebAddress() {
        ConnectViewModel vm = viewModel(PrefsStore.inMemory());
        vm.serverUrlProperty().set("ftp://relay.example.com");

        vm.signIn();

        assertThat(vm.errorProperty().get()).contains("is not a web address");
        assertThat(api.calls).isEmpty();
    }

    @Test
    void signInIsDisabledUntilTheFormIsFilled() {
        ConnectViewModel vm = viewModel(PrefsStore.inMemory());
        vm.passwordProperty().set("");

        assertThat(vm.canSignInProperty().get()).isFalse();
        vm.signIn();
        assertThat(api.calls).isEmpty();
    }

    @Test
    void profilesCanBeAddedEditedAndDeleted() {
        PrefsStore prefs = PrefsStore.inMemory();
        ConnectViewModel vm = viewModel(prefs);

        assertThat(vm.saveProfile(null, "Production", "relay.example.com", "ops@example.com")).isEmpty();
        assertThat(vm.saveProfile(null, "Staging", "http://staging:8080", "")).isEmpty();
        assertThat(vm.saveProfile(null, "Staging", "http://other", "")).contains("A profile called \"Staging\" already exists.");
        assertThat(vm.saveProfile("Staging", "Staging EU", "http://staging-eu:8080", "")).isEmpty();
        assertThat(vm.serverUrlProperty().get()).isEqualTo("http://staging-eu:8080/");

        vm.selectedProfileProperty().set(vm.profiles().getFirst());
        assertThat(vm.serverUrlProperty().get()).isEqualTo("https://relay.example.com/");
        assertThat(vm.emailProperty().get()).isEqualTo("ops@example.com");

        vm.deleteProfile(vm.profiles().getFirst());
        assertThat(prefs.get().profiles()).extracting(ServerProfile::name).containsExactly("Staging EU");
        assertThat(vm.selectedProfileProperty().get().name()).isEqualTo("Staging EU");
    }
}
