package dev.relaypool.desktop.oauth;

import dev.relaypool.desktop.api.ApiResult;
import dev.relaypool.desktop.common.ScreenContext;
import dev.relaypool.model.Platform;
import dev.relaypool.model.admin.AccountView;
import dev.relaypool.model.admin.OAuthFinishRequest;
import dev.relaypool.model.admin.OAuthStartRequest;
import dev.relaypool.model.admin.OAuthStarted;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The ViewModel of adding an OAuth account: name and platform → the server starts the flow → the provider's page
 * (shown by the View in a WebView) → the redirect's code is caught from the browser's address, or pasted by hand →
 * the server exchanges it and creates the account.
 */
public final class OAuthSignIn {
    public enum Step { DETAILS, AUTHORISING, EXCHANGING, CONNECTED }

    private final ScreenContext context;
    private final Consumer<AccountView> onConnected;
    private final StringProperty name = new SimpleStringProperty("");
    private final ObjectProperty<Platform> platform = new SimpleObjectProperty<>(Platform.ANTHROPIC);
    private final StringProperty baseUrl = new SimpleStringProperty("");
    private final StringProperty pasted = new SimpleStringProperty("");
    private final StringProperty pageUrl = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");
    private final ObjectProperty<Step> step = new SimpleObjectProperty<>(Step.DETAILS);
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final ObjectProperty<AccountView> connected = new SimpleObjectProperty<>();
    private RedirectCatcher catcher;

    public OAuthSignIn(ScreenContext context, Consumer<AccountView> onConnected) {
        this.context = context;
        this.onConnected = onConnected;
    }

    public StringProperty nameProperty() { return name; }
    public ObjectProperty<Platform> platformProperty() { return platform; }
    public StringProperty baseUrlProperty() { return baseUrl; }
    /** The fallback: a bare code, {@code code#state} or the whole redirect URL. */
    public StringProperty pastedProperty() { return pasted; }
    /** The provider page the browser shows; empty until the flow has started. */
    public StringProperty pageUrlProperty() { return pageUrl; }
    public StringProperty errorProperty() { return error; }
    public ObjectProperty<Step> stepProperty() { return step; }
    public BooleanProperty busyProperty() { return busy; }
    public ObjectProperty<AccountView> connectedProperty() { return connected; }

    public void start() {
        if (name.get().isBlank()) {
            error.set("Give the account a name.");
            return;
        }
        error.set("");
        busy.set(true);
        OAuthStartRequest request = new OAuthStartRequest(name.get(), platform.get(), baseUrl.get(), null, null);
        context.call((at, token) -> context.api().accounts().startOAuth(at, token, request), result -> {
            busy.set(false);
            switch (result) {
                case ApiResult.Ok<OAuthStarted>(OAuthStarted started) -> {
                    catcher = RedirectCatcher.forAuthorizeUrl(started.authorizeUrl(), started.state());
                    step.set(Step.AUTHORISING);
                    pageUrl.set(started.authorizeUrl().toString());
                }
                default -> error.set(context.explain(result));
            }
        });
    }

    /** The browser went to {@code location}: a redirect carrying the code finishes the sign-in by itself. */
    public void browserAt(String location) {
        if (catcher == null || step.get() != Step.AUTHORISING) {
            return;
        }
        switch (catcher.look(location)) {
            case RedirectCatcher.Seen.Code(String code, String state) -> exchange(code, state);
            case RedirectCatcher.Seen.Refused(String why, String description) -> error.set(
                    "The provider did not authorise the account (" + why + (description.isBlank() ? "" : ": " + description)
                            + "). Try again, or paste the code below.");
            case RedirectCatcher.Seen.Elsewhere() -> { }
        }
    }

    /** The fallback: exchanges what the operator pasted. */
    public void submitPasted() {
        if (catcher == null || step.get() != Step.AUTHORISING) {
            return;
        }
        if (pasted.get().isBlank()) {
            error.set("Paste the code (or the whole address) the provider showed.");
            return;
        }
        exchange(pasted.get().strip(), catcher.state());
    }

    private void exchange(String code, String state) {
        step.set(Step.EXCHANGING);
        busy.set(true);
        error.set("");
        OAuthFinishRequest request = new OAuthFinishRequest(state, code);
        context.call((at, token) -> context.api().accounts().finishOAuth(at, token, request), result -> {
            busy.set(false);
            switch (result) {
                case ApiResult.Ok<AccountView>(AccountView account) -> {
                    step.set(Step.CONNECTED);
                    connected.set(account);
                    onConnected.accept(account);
                }
                default -> {
                    step.set(Step.AUTHORISING);
                    error.set(context.explain(result));
                }
            }
        });
    }
}
