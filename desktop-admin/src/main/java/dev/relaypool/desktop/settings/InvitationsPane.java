package dev.relaypool.desktop.settings;

import atlantafx.base.theme.Styles;
import dev.relaypool.desktop.common.Badges;
import dev.relaypool.desktop.common.FormDialog;
import dev.relaypool.desktop.common.Formatting;
import dev.relaypool.desktop.common.Forms;
import dev.relaypool.desktop.common.PagedTable;
import dev.relaypool.model.admin.InvitationCodeView;
import java.time.ZoneId;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/** The invitation codes table on the Settings screen, with "new codes" and "disable". */
final class InvitationsPane extends VBox {
    InvitationsPane(InvitationsViewModel viewModel) {
        super(10);
        ZoneId zone = ZoneId.systemDefault();
        Label heading = new Label("Invitation codes");
        heading.getStyleClass().add(Styles.TITLE_4);
        PagedTable<InvitationCodeView> table = new PagedTable<>("invitations", viewModel.list(), "Search code or notes");
        ChoiceBox<String> status = Forms.filter("invitationsFilter-status", viewModel.list().filter("status"), "All states", "active", "disabled");
        Button add = Forms.button("_New codes…", Feather.PLUS, "newInvitations", Styles.ACCENT);
        add.setOnAction(e -> openCreate(viewModel));
        table.tools(status, add);
        table.column("Code", InvitationCodeView::code, null)
                .column("Used", c -> c.usedCount() + " of " + c.maxUses(), null)
                .graphicColumn("Status", c -> Badges.status(c.status()), "status")
                .column("Expires", c -> c.expiresAt() == null ? "never" : Formatting.stamp(c.expiresAt(), zone), "expiresAt")
                .column("Notes", InvitationCodeView::notes, null)
                .column("Created", c -> Formatting.stamp(c.createdAt(), zone), "createdAt");
        viewModel.selectedProperty().bind(table.table().getSelectionModel().selectedItemProperty());
        Button disable = Forms.button("_Disable", Feather.SLASH, "disableInvitation", null);
        disable.setOnAction(e -> viewModel.disable(viewModel.selectedProperty().get()));
        disable.disableProperty().bind(Bindings.or(viewModel.action().busyProperty(), Bindings.createBooleanBinding(
                () -> viewModel.selectedProperty().get() == null || !"active".equals(viewModel.selectedProperty().get().status()),
                viewModel.selectedProperty())));
        TextArea created = new TextArea();
        created.setId("createdInvitations");
        created.setEditable(false);
        created.setPrefRowCount(3);
        created.getStyleClass().add("monospace");
        created.textProperty().bind(viewModel.createdProperty());
        Forms.showWhen(created, viewModel.createdProperty().isNotEmpty());
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().addAll(heading, table, new HBox(8, disable, Forms.noticeLabel(viewModel.action().noticeProperty())),
                created, Forms.errorLabel(viewModel.action().errorProperty()));
    }

    private void openCreate(InvitationsViewModel viewModel) {
        viewModel.startCreate();
        GridPane grid = new GridPane(12, 10);
        grid.add(Forms.field("_Count", Forms.text("invitationCount", viewModel.countProperty(), "1-100")), 0, 0);
        grid.add(Forms.field("_Sign-ups per code", Forms.text("invitationUses", viewModel.maxUsesProperty(), "1")), 1, 0);
        grid.add(Forms.field("_Expires", Forms.text("invitationExpires", viewModel.expiresProperty(), "YYYY-MM-DD, empty = never")), 0, 1);
        grid.add(Forms.field("_Notes", Forms.text("invitationNotes", viewModel.notesProperty(), "who they are for")), 1, 1);
        FormDialog.open(getScene().getWindow(), "New invitation codes", "Create", grid, viewModel.formErrorProperty(),
                viewModel::create);
    }

}
