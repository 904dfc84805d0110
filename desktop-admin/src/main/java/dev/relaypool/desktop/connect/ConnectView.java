package dev.relaypool.desktop.connect;

import atlantafx.base.theme.Styles;
import dev.relaypool.desktop.common.Forms;
import dev.relaypool.desktop.common.Icons;
import dev.relaypool.desktop.prefs.ServerProfile;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/** The sign-in card: server profile, address, email, password, and the TOTP code once the server asks for it. */
public final class ConnectView extends StackPane {
    private final ConnectViewModel viewModel;
    private final PasswordField password = new PasswordField();

    public ConnectView(ConnectViewModel viewModel) {
        this.viewModel = viewModel;
        getStyleClass().add("connect-view");

        Label title = new Label("Relaypool");
        title.getStyleClass().add(Styles.TITLE_2);
        title.setGraphic(Icons.of(Feather.ZAP, 26));
        title.getGraphic().getStyleClass().add("brand-icon");
        Label subtitle = new Label("Sign in to your relay server");
        subtitle.getStyleClass().add(Styles.TEXT_MUTED);

        ComboBox<ServerProfile> profiles = new ComboBox<>(viewModel.profiles());
        profiles.setId("profiles");
        profiles.setPromptText("No saved servers yet");
        profiles.valueProperty().bindBidirectional(viewModel.selectedProfileProperty());
        profiles.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(profiles, Priority.ALWAYS);
        Button add = iconButton(Feather.PLUS, "Add a server profile", "addProfile");
        Button edit = iconButton(Feather.EDIT_2, "Edit this profile", "editProfile");
        Button delete = iconButton(Feather.TRASH_2, "Delete this profile", "deleteProfile");
        edit.disableProperty().bind(viewModel.selectedProfileProperty().isNull());
        delete.disableProperty().bind(viewModel.selectedProfileProperty().isNull());
        add.setOnAction(e -> new ProfileDialog(viewModel, null).showAndWait());
        edit.setOnAction(e -> new ProfileDialog(viewModel, viewModel.selectedProfileProperty().get()).showAndWait());
        delete.setOnAction(e -> viewModel.deleteProfile(viewModel.selectedProfileProperty().get()));
        HBox profileRow = new HBox(6, profiles, add, edit, delete);
        profileRow.setAlignment(Pos.CENTER_LEFT);

        TextField url = new TextField();
        url.setId("serverUrl");
        url.setPromptText("https://relay.example.com");
        url.textProperty().bindBidirectional(viewModel.serverUrlProperty());
        TextField email = new TextField();
        email.setId("email");
        email.setPromptText("you@example.com");
        email.textProperty().bindBidirectional(viewModel.emailProperty());
        password.setId("password");
        password.textProperty().bindBidirectional(viewModel.passwordProperty());
        TextField totp = new TextField();
        totp.setId("totpCode");
        totp.setPromptText("6-digit code");
        totp.textProperty().bindBidirectional(viewModel.totpCodeProperty());
        VBox totpField = Forms.field("_Authenticator code", totp);
        Forms.showWhen(totpField, viewModel.totpVisibleProperty());
        viewModel.totpVisibleProperty().addListener((obs, was, shown) -> {
            if (shown) {
                totp.requestFocus();
            }
        });

        Button signIn = new Button("_Sign in");
        signIn.setId("signIn");
        signIn.setMnemonicParsing(true);
        signIn.setDefaultButton(true);
        signIn.getStyleClass().add(Styles.ACCENT);
        signIn.setMaxWidth(Double.MAX_VALUE);
        signIn.disableProperty().bind(viewModel.canSignInProperty().not());
        ProgressIndicator progress = new ProgressIndicator();
        progress.setPrefSize(16, 16);
        signIn.graphicProperty().bind(viewModel.busyProperty().map(busy -> busy ? progress : null));
        signIn.textProperty().bind(viewModel.busyProperty().map(busy -> busy ? "Signing in…" : "_Sign in"));
        signIn.setOnAction(e -> viewModel.signIn());
        for (TextField field : new TextField[] {url, email, password, totp}) {
            field.setOnAction(e -> viewModel.signIn()); // Enter anywhere in the form signs in
        }

        Label error = Forms.errorLabel(viewModel.errorProperty());
        error.setId("signInError");
        Label hint = new Label(null, Icons.of(Feather.SMARTPHONE));
        hint.setId("signInHint");
        hint.textProperty().bind(viewModel.hintProperty());
        hint.setWrapText(true);
        hint.getStyleClass().add("form-hint");
        Forms.showWhen(hint, viewModel.hintProperty().isNotEmpty());
        VBox card = new VBox(14,
                new VBox(2, title, subtitle),
                Forms.field("Saved _servers", profileRow),
                Forms.field("Server a_ddress", url),
                Forms.field("_Email", email),
                Forms.field("_Password", password),
                totpField,
                hint,
                error,
                signIn);
        card.getStyleClass().addAll("connect-card", Styles.ELEVATED_2);
        card.setMaxSize(420, USE_PREF_SIZE);
        getChildren().add(card);
        setAlignment(Pos.CENTER);
        sceneProperty().addListener((obs, old, scene) -> {
            if (scene != null) {
                focusFirstEmpty(url, email);
            }
        });
        visibleProperty().addListener((obs, was, shown) -> {
            if (shown) { // back after signing out
                focusFirstEmpty(url, email);
            }
        });
    }

    private void focusFirstEmpty(TextField url, TextField email) {
        TextField target = viewModel.serverUrlProperty().get().isBlank() ? url
                : viewModel.emailProperty().get().isBlank() ? email : password;
        javafx.application.Platform.runLater(target::requestFocus);
    }

    private static Button iconButton(Feather icon, String tip, String id) {
        Button button = new Button(null, Icons.of(icon));
        button.setId(id);
        button.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        button.setTooltip(new Tooltip(tip));
        button.setAccessibleText(tip);
        return button;
    }
}
