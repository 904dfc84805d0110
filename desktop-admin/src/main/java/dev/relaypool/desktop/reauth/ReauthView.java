package dev.relaypool.desktop.reauth;

import atlantafx.base.theme.Styles;
import dev.relaypool.desktop.common.Forms;
import dev.relaypool.desktop.common.Icons;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/** A card over the dimmed current screen asking for the password again; the screen below keeps its state. */
public final class ReauthView extends StackPane {
    public ReauthView(ReauthViewModel viewModel) {
        getStyleClass().add("reauth-backdrop");
        setId("reauth");
        Forms.showWhen(this, viewModel.showingProperty());

        Label title = new Label("Session expired", Icons.of(Feather.LOCK, 20));
        title.getStyleClass().add(Styles.TITLE_3);
        Label prompt = new Label();
        prompt.textProperty().bind(viewModel.promptProperty());
        prompt.setWrapText(true);
        PasswordField password = new PasswordField();
        password.setId("reauthPassword");
        password.textProperty().bindBidirectional(viewModel.passwordProperty());
        password.setOnAction(e -> viewModel.submit());
        TextField totp = new TextField();
        totp.setId("reauthTotp");
        totp.setPromptText("6-digit code");
        totp.textProperty().bindBidirectional(viewModel.totpCodeProperty());
        totp.setOnAction(e -> viewModel.submit());
        VBox totpField = Forms.field("_Authenticator code", totp);
        Forms.showWhen(totpField, viewModel.totpVisibleProperty());

        Button signOut = new Button("Sign _out");
        signOut.setMnemonicParsing(true);
        signOut.setOnAction(e -> viewModel.signOut());
        Button carryOn = new Button("_Continue");
        carryOn.setId("reauthSubmit");
        carryOn.setMnemonicParsing(true);
        carryOn.getStyleClass().add(Styles.ACCENT);
        carryOn.disableProperty().bind(viewModel.busyProperty().or(viewModel.passwordProperty().isEmpty()));
        carryOn.setOnAction(e -> viewModel.submit());
        HBox buttons = new HBox(8, signOut, carryOn);
        buttons.setAlignment(Pos.CENTER_RIGHT);

        VBox card = new VBox(14, title, prompt, Forms.field("_Password", password), totpField,
                Forms.errorLabel(viewModel.errorProperty()), buttons);
        card.getStyleClass().addAll("connect-card", Styles.ELEVATED_3);
        card.setMaxSize(420, USE_PREF_SIZE);
        getChildren().add(card);
        setAlignment(Pos.CENTER);
        visibleProperty().addListener((obs, was, shown) -> {
            if (shown) {
                Platform.runLater(password::requestFocus);
            }
        });
    }
}
