package dev.relaypool.desktop.connect;

import dev.relaypool.desktop.common.Forms;
import dev.relaypool.desktop.prefs.ServerProfile;
import java.util.Optional;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.event.ActionEvent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;

/** Adds or edits a saved server profile; the dialog stays open until the input is a valid profile. */
final class ProfileDialog extends Dialog<ButtonType> {
    ProfileDialog(ConnectViewModel viewModel, ServerProfile editing) {
        setTitle(editing == null ? "Add server" : "Edit server");
        setHeaderText(editing == null ? "Save a server to sign in to it quickly" : "Change the saved server");
        TextField name = new TextField(editing == null ? "" : editing.name());
        name.setId("profileName");
        name.setPromptText("Production");
        TextField url = new TextField(editing == null ? viewModel.serverUrlProperty().get() : editing.url());
        url.setId("profileUrl");
        url.setPromptText("https://relay.example.com");
        TextField email = new TextField(editing == null ? viewModel.emailProperty().get() : editing.email());
        email.setId("profileEmail");
        StringProperty error = new SimpleStringProperty("");
        VBox form = new VBox(12,
                Forms.field("_Name", name), Forms.field("Server a_ddress", url), Forms.field("_Email (optional)", email),
                Forms.errorLabel(error));
        form.setPrefWidth(380);
        getDialogPane().setContent(form);
        getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        Button ok = (Button) getDialogPane().lookupButton(ButtonType.OK);
        ok.setText("Save");
        ok.addEventFilter(ActionEvent.ACTION, event -> {
            Optional<String> problem = viewModel.saveProfile(
                    editing == null ? null : editing.name(), name.getText(), url.getText(), email.getText());
            problem.ifPresent(message -> {
                error.set(message);
                event.consume(); // keep the dialog open
            });
        });
        setOnShown(e -> name.requestFocus());
    }
}
