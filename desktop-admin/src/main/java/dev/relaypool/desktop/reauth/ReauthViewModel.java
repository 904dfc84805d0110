package dev.relaypool.desktop.reauth;

import dev.relaypool.desktop.api.LoginOutcome;
import dev.relaypool.desktop.common.Messages;
import dev.relaypool.desktop.session.ConnectionState;
import dev.relaypool.desktop.session.Session;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The "session expired" prompt: asks for the password (and TOTP code) again. It lies over the current screen,
 * which keeps its state; calls it made while the session was expired run once the prompt succeeds.
 */
public final class ReauthViewModel {
    private final Session session;
    private final StringProperty password = new SimpleStringProperty("");
    private final StringProperty totpCode = new SimpleStringProperty("");
    private final BooleanProperty totpVisible = new SimpleBooleanProperty(false);
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final StringProperty error = new SimpleStringProperty("");
    private final BooleanBinding showing;
    private final StringBinding prompt;

    public ReauthViewModel(Session session) {
        this.session = session;
        showing = Bindings.equal(session.stateProperty(), ConnectionState.SESSION_EXPIRED);
        prompt = Bindings.createStringBinding(
                () -> "For your security the session has ended. Enter the password for " + session.email()
                        + " to carry on where you were.",
                session.stateProperty());
    }

    public StringProperty passwordProperty() { return password; }
    public StringProperty totpCodeProperty() { return totpCode; }
    public BooleanProperty totpVisibleProperty() { return totpVisible; }
    public BooleanProperty busyProperty() { return busy; }
    public StringProperty errorProperty() { return error; }
    public BooleanBinding showingProperty() { return showing; }
    public StringBinding promptProperty() { return prompt; }

    public void submit() {
        if (busy.get() || password.get().isEmpty()) {
            return;
        }
        busy.set(true);
        error.set("");
        session.reauthenticate(password.get(), totpVisible.get() ? totpCode.get() : null, outcome -> {
            busy.set(false);
            switch (outcome) {
                case LoginOutcome.SignedIn signedIn -> {
                    password.set("");
                    totpCode.set("");
                    totpVisible.set(false);
                }
                case LoginOutcome.TotpRequired totp -> {
                    totpVisible.set(true);
                    error.set(Messages.of(outcome, session.serverProperty().get()));
                }
                default -> error.set(Messages.of(outcome, session.serverProperty().get()));
            }
        });
    }

    /** Gives up on this session and goes back to the Connect screen. */
    public void signOut() {
        password.set("");
        error.set("");
        session.signOut();
    }
}
