package dev.relaypool.desktop.common;

import java.util.function.Consumer;
import javafx.beans.value.ObservableStringValue;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * A modal form: OK does not close the dialog by itself; it runs {@code save}, which closes it (through the
 * {@link Runnable} it is given) once the server accepted the change, or leaves it open with the error shown.
 */
public final class FormDialog {
    private FormDialog() {}

    public static Dialog<Void> open(Window owner, String title, String okText, Node form, ObservableStringValue error,
                                    Consumer<Runnable> save) {
        Dialog<Void> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle(title);
        dialog.setHeaderText(title);
        ButtonType ok = new ButtonType(okText, javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(ok, ButtonType.CANCEL);
        VBox content = new VBox(12, form, Forms.errorLabel(error));
        content.setPrefWidth(460);
        dialog.getDialogPane().setContent(content);
        Themes.style(dialog.getDialogPane(), owner);
        Button okButton = (Button) dialog.getDialogPane().lookupButton(ok);
        okButton.setId("dialogOk");
        okButton.addEventFilter(ActionEvent.ACTION, event -> {
            event.consume(); // stay open until the server said yes
            save.accept(() -> {
                dialog.setResult(null);
                dialog.close();
            });
        });
        dialog.show();
        return dialog;
    }

    /** Asks "OK or Cancel?" about something that cannot be undone; runs {@code onOk} only for OK. */
    public static void confirm(Window owner, String header, String body, Runnable onOk) {
        javafx.scene.control.Alert confirm = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.CONFIRMATION,
                body, ButtonType.CANCEL, ButtonType.OK);
        confirm.initOwner(owner);
        confirm.setHeaderText(header);
        confirm.showAndWait().filter(ButtonType.OK::equals).ifPresent(ok -> onOk.run());
    }
}
