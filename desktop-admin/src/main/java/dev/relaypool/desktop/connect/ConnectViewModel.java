package dev.relaypool.desktop.connect;

import dev.relaypool.desktop.api.LoginOutcome;
import dev.relaypool.desktop.common.Messages;
import dev.relaypool.desktop.prefs.PrefsStore;
import dev.relaypool.desktop.prefs.ServerProfile;
import dev.relaypool.desktop.session.Session;
import java.net.URI;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** State and actions of the Connect screen: pick or edit a server profile, sign in, answer the TOTP question. */
public final class ConnectViewModel {
    private final Session session;
    private final PrefsStore prefs;
    private final ObservableList<ServerProfile> profiles = FXCollections.observableArrayList();
    private final ObjectProperty<ServerProfile> selectedProfile = new SimpleObjectProperty<>();
    private final StringProperty serverUrl = new SimpleStringProperty("");
    private final StringProperty email = new SimpleStringProperty("");
    private final StringProperty password = new SimpleStringProperty("");
    private final StringProperty totpCode = new SimpleStringProperty("");
    private final BooleanProperty totpVisible = new SimpleBooleanProperty(false);
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final StringProperty error = new SimpleStringProperty("");
    private final StringProperty hint = new SimpleStringProperty("");
    private final BooleanBinding canSignIn;

    public ConnectViewModel(Session session, PrefsStore prefs) {
        this.session = session;
        this.prefs = prefs;
        profiles.setAll(prefs.get().profiles());
        selectedProfile.addListener((obs, old, chosen) -> {
            if (chosen != null) {
                serverUrl.set(chosen.url());
                email.set(chosen.email());
                totpVisible.set(false);
                error.set("");
                hint.set("");
            }
        });
        profiles.stream().filter(p -> p.name().equals(prefs.get().selectedProfile())).findFirst()
                .or(() -> profiles.stream().findFirst())
                .ifPresent(selectedProfile::set);
        canSignIn = Bindings.createBooleanBinding(
                () -> !busy.get() && !serverUrl.get().isBlank() && !email.get().isBlank() && !password.get().isEmpty(),
                busy, serverUrl, email, password);
    }

    public ObservableList<ServerProfile> profiles() { return profiles; }
    public ObjectProperty<ServerProfile> selectedProfileProperty() { return selectedProfile; }
    public StringProperty serverUrlProperty() { return serverUrl; }
    public StringProperty emailProperty() { return email; }
    public StringProperty passwordProperty() { return password; }
    public StringProperty totpCodeProperty() { return totpCode; }
    public BooleanProperty totpVisibleProperty() { return totpVisible; }
    public BooleanProperty busyProperty() { return busy; }
    public StringProperty errorProperty() { return error; }
    /** Guidance that is not an error, such as the request for an authenticator code. */
    public StringProperty hintProperty() { return hint; }
    public BooleanBinding canSignInProperty() { return canSignIn; }

    public void signIn() {
        if (!canSignIn.get()) {
            return;
        }
        URI server;
        try {
            server = URI.create(ServerProfile.normalizeUrl(serverUrl.get()));
        } catch (IllegalArgumentException e) {
            error.set(capitalise(e.getMessage()) + ".");
            return;
        }
        boolean codeSent = totpVisible.get() && !totpCode.get().isBlank();
        busy.set(true);
        error.set("");
        hint.set("");
        session.signIn(server, email.get().strip(), password.get(), totpVisible.get() ? totpCode.get() : null, outcome -> {
            busy.set(false);
            switch (outcome) {
                case LoginOutcome.SignedIn signedIn -> signedIn(server);
                case LoginOutcome.TotpRequired totp -> {
                    totpVisible.set(true);
                    totpCode.set("");
                    if (codeSent) {
                        error.set("That code was not accepted. Enter the current code from your authenticator app.");
                    } else {
                        hint.set(Messages.of(outcome, server));
                    }
                }
                default -> error.set(Messages.of(outcome, server));
            }
        });
    }

    private void signedIn(URI server) {
        password.set("");
        totpCode.set("");
        totpVisible.set(false);
        ServerProfile current = selectedProfile.get();
        String url = server.toString();
        ServerProfile remembered = current != null && current.url().equals(url)
                ? new ServerProfile(current.name(), url, email.get())
                : profiles.stream().filter(p -> p.url().equals(url)).findFirst()
                        .map(p -> new ServerProfile(p.name(), url, email.get()))
                        .orElseGet(() -> new ServerProfile(uniqueName(server.getHost()), url, email.get()));
        save(remembered.name(), remembered);
    }

    /** Adds or replaces a profile; returns a message when the input cannot be a profile. */
    public Optional<String> saveProfile(String previousName, String name, String url, String profileEmail) {
        ServerProfile profile;
        try {
            profile = new ServerProfile(name, url, profileEmail);
        } catch (IllegalArgumentException e) {
            return Optional.of(capitalise(e.getMessage()) + ".");
        }
        boolean clash = profiles.stream().anyMatch(p -> p.name().equals(profile.name()) && !p.name().equals(previousName));
        if (clash) {
            return Optional.of("A profile called \"" + profile.name() + "\" already exists.");
        }
        save(previousName, profile);
        return Optional.empty();
    }

    public void deleteProfile(ServerProfile profile) {
        if (profile == null) {
            return;
        }
        var remaining = profiles.stream().filter(p -> !p.name().equals(profile.name())).toList();
        prefs.update(p -> p.withProfiles(remaining, remaining.isEmpty() ? "" : remaining.getFirst().name()));
        profiles.setAll(remaining);
        selectedProfile.set(remaining.isEmpty() ? null : remaining.getFirst());
    }

    private void save(String previousName, ServerProfile profile) {
        var saved = prefs.update(p -> p.withProfile(previousName, profile));
        profiles.setAll(saved.profiles());
        selectedProfile.set(profile);
    }

    private String uniqueName(String host) {
        String base = host == null ? "Server" : host;
        String name = base;
        for (int i = 2; i < 1000 && taken(name); i++) {
            name = base + " (" + i + ")";
        }
        return name;
    }

    private boolean taken(String name) {
        return profiles.stream().anyMatch(p -> p.name().equals(name));
    }

    private static String capitalise(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
