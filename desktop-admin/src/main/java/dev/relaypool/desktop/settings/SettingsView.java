package dev.relaypool.desktop.settings;

import atlantafx.base.theme.Styles;
import dev.relaypool.desktop.common.Forms;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/** The server settings form: who may sign up; Save and Revert. */
public final class SettingsView extends VBox {
    public SettingsView(SettingsViewModel viewModel) {
        super(14);
        getStyleClass().add("screen");
        Label heading = new Label("Registration");
        heading.getStyleClass().add(Styles.TITLE_4);
        Label intro = new Label("Who may create a member account on the sign-up page of the browser dashboard.");
        intro.getStyleClass().add(Styles.TEXT_MUTED);
        ToggleGroup modes = new ToggleGroup();
        VBox choices = new VBox(10);
        String[] labels = {"_Closed", "By _invitation code", "_Open to anyone"};
        for (int i = 0; i < SettingsViewModel.REGISTRATION.size(); i++) {
            String mode = SettingsViewModel.REGISTRATION.get(i);
            RadioButton choice = new RadioButton(labels[i]);
            choice.setId("registration-" + mode);
            choice.setMnemonicParsing(true);
            choice.setToggleGroup(modes);
            choice.setUserData(mode);
            Label what = new Label(SettingsViewModel.describe(mode));
            what.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
            what.setStyle("-fx-padding: 0 0 0 26;");
            choices.getChildren().add(new VBox(2, choice, what));
        }
        viewModel.registrationProperty().subscribe(mode -> modes.getToggles().stream()
                .filter(t -> t.getUserData().equals(mode)).findFirst().ifPresent(modes::selectToggle));
        modes.selectedToggleProperty().subscribe(t -> {
            if (t != null) {
                viewModel.registrationProperty().set((String) t.getUserData());
            }
        });
        Label elsewhere = new Label("Two-factor sign-in for admins is server configuration (security.require-admin-totp in"
                + " config.yaml, or RELAYPOOL_SECURITY_REQUIRE_ADMIN_TOTP). Each group sets its own billing mode on the Groups screen.");
        elsewhere.setWrapText(true);
        elsewhere.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // wrap rather than cut the sentence short
        elsewhere.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);

        Button save = Forms.button("_Save", Feather.CHECK, "saveSettings", Styles.ACCENT);
        save.setDefaultButton(true);
        save.setOnAction(e -> viewModel.save());
        Button revert = Forms.button("_Revert", Feather.ROTATE_CCW, "revertSettings", null);
        revert.setOnAction(e -> viewModel.revert());
        var idle = Bindings.or(viewModel.changedProperty().not(), viewModel.action().busyProperty());
        save.disableProperty().bind(idle);
        revert.disableProperty().bind(idle);
        VBox card = new VBox(12, heading, intro, choices);
        card.getStyleClass().add("settings-card");
        card.setMaxWidth(640);
        InvitationsPane invitations = new InvitationsPane(viewModel.invitations());
        VBox.setVgrow(invitations, javafx.scene.layout.Priority.ALWAYS);
        getChildren().addAll(card, new HBox(8, save, revert, Forms.noticeLabel(viewModel.action().noticeProperty())),
                Forms.errorLabel(viewModel.action().errorProperty()), elsewhere, invitations);
    }
}
