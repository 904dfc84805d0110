package dev.relaypool.desktop.accounts;

import dev.relaypool.desktop.common.FormDialog;
import dev.relaypool.desktop.common.Forms;
import dev.relaypool.model.Platform;
import dev.relaypool.model.admin.GroupView;
import javafx.collections.ListChangeListener;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/** The add/edit form of an API-key account, bound to an {@link AccountFormModel}. */
final class AccountDialog {
    private AccountDialog() {}

    static void open(Window owner, AccountFormModel form) {
        TextField name = text("accountName", form.nameProperty(), "e.g. Anthropic team key 1");
        ChoiceBox<Platform> platform = new ChoiceBox<>();
        platform.setId("accountPlatform");
        platform.getItems().setAll(Platform.values());
        platform.valueProperty().bindBidirectional(form.platformProperty());
        platform.setDisable(form.editing()); // the server does not move an account between platforms
        TextField baseUrl = text("accountBaseUrl", form.baseUrlProperty(), "empty = the official endpoint");
        PasswordField key = new PasswordField();
        key.setId("accountApiKey");
        key.setPromptText(form.editing() ? "leave empty to keep the stored key" : "sk-ant-…, sk-…, AIza…");
        key.textProperty().bindBidirectional(form.apiKeyProperty());
        TextField priority = text("accountPriority", form.priorityProperty(), "lower is tried first");
        TextField concurrency = text("accountConcurrency", form.concurrencyProperty(), "parallel requests");
        TextField notes = text("accountNotes", form.notesProperty(), "");
        ListView<GroupView> groups = new ListView<>(form.groups());
        groups.setId("accountGroups");
        groups.setPrefHeight(110);
        groups.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        groups.setCellFactory(view -> new ListCell<>() {
            @Override
            protected void updateItem(GroupView group, boolean empty) {
                super.updateItem(group, empty);
                setText(empty || group == null ? null : group.name() + " (" + group.platform().wireName() + ")");
            }
        });
        form.chosenGroups().forEach(g -> groups.getSelectionModel().select(g));
        groups.getSelectionModel().getSelectedItems().addListener(
                (ListChangeListener<GroupView>) change -> form.chosenGroups().setAll(groups.getSelectionModel().getSelectedItems()));
        groups.setDisable(form.editing()); // memberships are edited on the Groups screen

        GridPane grid = new GridPane(12, 10);
        grid.add(Forms.field("_Name", name), 0, 0, 2, 1);
        grid.add(Forms.field("_Platform", platform), 0, 1);
        grid.add(Forms.field("_Base URL", baseUrl), 1, 1);
        grid.add(Forms.field("API _key", key), 0, 2, 2, 1);
        grid.add(Forms.field("P_riority", priority), 0, 3);
        grid.add(Forms.field("_Concurrency", concurrency), 1, 3);
        grid.add(Forms.field("_Groups (Ctrl+click for several)", groups), 0, 4, 2, 1);
        grid.add(Forms.field("N_otes", notes), 0, 5, 2, 1);
        FormDialog.open(owner, form.editing() ? "Edit account" : "Add an API-key account", "Save", grid,
                form.errorProperty(), form::save);
    }

    private static TextField text(String id, javafx.beans.property.StringProperty value, String prompt) {
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        field.textProperty().bindBidirectional(value);
        return field;
    }
}
