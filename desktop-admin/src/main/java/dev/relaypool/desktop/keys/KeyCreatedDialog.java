package dev.relaypool.desktop.keys;

import atlantafx.base.theme.Styles;
import dev.relaypool.desktop.common.Forms;
import dev.relaypool.desktop.common.Icons;
import dev.relaypool.desktop.common.Themes;
import dev.relaypool.model.member.KeyCreated;
import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;

/** Shows a new key once, with a copy button and the settings for Claude Code, Codex CLI and Gemini CLI. */
final class KeyCreatedDialog {
    private KeyCreatedDialog() {}

    static void show(Window owner, KeyCreated created, List<ClientSettings.Snippet> settings, Runnable onClosed) {
        Dialog<Void> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Key created");
        dialog.setHeaderText("Copy the key now: it is shown only this once.");
        TextField key = new TextField(created.key());
        key.setId("createdKey");
        key.setEditable(false);
        key.getStyleClass().add("monospace");
        HBox.setHgrow(key, Priority.ALWAYS);
        Button copy = copyButton("copyKey", created.key());
        TabPane tabs = new TabPane();
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        for (ClientSettings.Snippet snippet : settings) {
            TextArea text = new TextArea(snippet.text());
            text.setEditable(false);
            text.setPrefRowCount(9);
            text.getStyleClass().add("monospace");
            VBox body = new VBox(6, text, copyButton(null, snippet.text()));
            body.setStyle("-fx-padding: 8 0 0 0;");
            tabs.getTabs().add(new Tab(snippet.client(), body));
        }
        Label hint = new Label("Client settings for " + created.view().name() + " (group " + created.view().groupName() + "):");
        hint.getStyleClass().add(Styles.TEXT_MUTED);
        VBox content = new VBox(10, Forms.field("Key", new HBox(8, key, copy)), hint, tabs);
        content.setPrefWidth(620);
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        Themes.style(dialog.getDialogPane(), owner);
        dialog.setOnHidden(e -> onClosed.run());
        dialog.show();
    }

    private static Button copyButton(String id, String text) {
        Button copy = new Button("Copy", Icons.of(Feather.COPY));
        if (id != null) {
            copy.setId(id);
        }
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(text);
            Clipboard.getSystemClipboard().setContent(content);
            copy.setText("Copied");
        });
        return copy;
    }
}
