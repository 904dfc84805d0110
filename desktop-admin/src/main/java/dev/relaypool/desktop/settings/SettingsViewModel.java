package dev.relaypool.desktop.settings;

import dev.relaypool.desktop.api.ApiResult;
import dev.relaypool.desktop.common.Action;
import dev.relaypool.desktop.common.ScreenContext;
import dev.relaypool.model.auth.ServerSettings;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The Settings screen: the operator settings the server keeps in its database ({@code GET/PUT /admin/settings}),
 * edited as a form that knows what changed and is checked before it is sent.
 */
public final class SettingsViewModel {
    /** The registration modes, in the order the form offers them. */
    public static final List<String> REGISTRATION = List.of(ServerSettings.CLOSED, ServerSettings.INVITATION, ServerSettings.OPEN);

    private final ScreenContext context;
    private final Action action;
    private final ObjectProperty<ServerSettings> saved = new SimpleObjectProperty<>();
    private final StringProperty registration = new SimpleStringProperty("");
    private final BooleanBinding changed;
    private final InvitationsViewModel invitations;

    public SettingsViewModel(ScreenContext context) {
        this.context = context;
        this.action = new Action(context);
        this.invitations = new InvitationsViewModel(context);
        this.changed = Bindings.createBooleanBinding(
                () -> saved.get() != null && !saved.get().registration().equals(registration.get()), saved, registration);
    }

    public Action action() { return action; }
    public InvitationsViewModel invitations() { return invitations; }
    /** "closed", "invitation" or "open". */
    public StringProperty registrationProperty() { return registration; }
    /** True when the form differs from what the server holds. */
    public BooleanBinding changedProperty() { return changed; }
    /** Null until the server answered. */
    public ObjectProperty<ServerSettings> savedProperty() { return saved; }

    public void load() {
        invitations.list().reload();
        context.call((at, token) -> context.api().settings().get(at, token), result -> {
            if (result instanceof ApiResult.Ok<ServerSettings>(ServerSettings got)) {
                show(got);
            } else {
                action.fail(context.explain(result));
            }
        });
    }

    /** Puts the form back to what the server holds. */
    public void revert() {
        if (saved.get() != null) {
            show(saved.get());
        }
    }

    public void save() {
        if (!REGISTRATION.contains(registration.get())) {
            action.fail("Choose who may sign up: nobody, people with an invitation code, or anyone.");
            return;
        }
        if (!changed.get()) {
            action.fail("Nothing has changed.");
            return;
        }
        ServerSettings request = new ServerSettings(registration.get());
        action.run((at, token) -> context.api().settings().save(at, token, request), describe(request.registration()), this::show);
    }

    private void show(ServerSettings settings) {
        saved.set(settings);
        registration.set(settings.registration());
    }

    /** What a registration mode means for someone at the sign-up page. */
    public static String describe(String mode) {
        return switch (mode) {
            case ServerSettings.OPEN -> "Anyone who reaches the server can create a member account.";
            case ServerSettings.INVITATION -> "Sign-up needs a valid invitation code.";
            case ServerSettings.CLOSED -> "Nobody can sign up; admins create accounts on the Users screen.";
            default -> "";
        };
    }
}
