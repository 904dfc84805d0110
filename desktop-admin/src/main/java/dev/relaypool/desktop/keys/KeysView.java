package dev.relaypool.desktop.keys;

import atlantafx.base.theme.Styles;
import dev.relaypool.desktop.common.Badges;
import dev.relaypool.desktop.common.FormDialog;
import dev.relaypool.desktop.common.Formatting;
import dev.relaypool.desktop.common.Forms;
import dev.relaypool.desktop.common.PagedTable;
import dev.relaypool.desktop.common.SmallTable;
import dev.relaypool.model.admin.AdminUser;
import dev.relaypool.model.admin.GroupView;
import dev.relaypool.model.member.KeyView;
import java.time.ZoneId;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/** The keys table, the "new key" form and, after creating one, the dialog that shows it once. */
public final class KeysView extends VBox {
    private final KeysViewModel viewModel;

    public KeysView(KeysViewModel viewModel) {
        super(10);
        this.viewModel = viewModel;
        getStyleClass().add("screen");
        ZoneId zone = ZoneId.systemDefault();
        PagedTable<KeyView> table = new PagedTable<>("keys", viewModel.list(), "Search name or prefix");
        ChoiceBox<String> status = new ChoiceBox<>();
        status.getItems().setAll("", "active", "disabled", "revoked");
        status.setConverter(Forms.labelled("All states"));
        status.valueProperty().bindBidirectional(viewModel.list().filter("status"));
        Button add = Forms.button("_New key", Feather.PLUS, "newKey", Styles.ACCENT);
        add.setOnAction(e -> openCreate());
        table.tools(status, add);
        table.column("Name", KeyView::name, null)
                .column("Prefix", k -> k.prefix() + "…", null)
                .column("Member", this::owner, null)
                .column("Group", KeyView::groupName, null)
                .graphicColumn("Status", k -> Badges.status(k.status()), null)
                .column("Used / quota", k -> Formatting.money(k.usedUsd()) + (k.quotaUsd() == null ? "" : " / " + Formatting.money(k.quotaUsd())), null)
                .column("Expires", k -> k.expiresAt() == null ? "never" : Formatting.stamp(k.expiresAt(), zone), null)
                .column("Last used", k -> Formatting.stamp(k.lastUsedAt(), zone), null);
        viewModel.selectedProperty().bind(table.table().getSelectionModel().selectedItemProperty());

        Button enable = Forms.button("Enable", Feather.PLAY, "enableKey", null);
        enable.setOnAction(e -> viewModel.setEnabled(viewModel.selectedProperty().get(), true));
        Button disable = Forms.button("Disable", Feather.PAUSE, "disableKey", null);
        disable.setOnAction(e -> viewModel.setEnabled(viewModel.selectedProperty().get(), false));
        Button revoke = Forms.button("Revoke…", Feather.TRASH_2, "revokeKey", Styles.DANGER);
        revoke.setOnAction(e -> confirmRevoke());
        var none = Bindings.or(viewModel.selectedProperty().isNull(), viewModel.action().busyProperty());
        for (Button b : new Button[] {enable, disable, revoke}) {
            b.disableProperty().bind(none);
        }
        HBox actions = new HBox(8, enable, disable, revoke, Forms.noticeLabel(viewModel.action().noticeProperty()));
        getChildren().addAll(table, actions, Forms.errorLabel(viewModel.action().errorProperty()));

        viewModel.createdProperty().subscribe(key -> {
            if (key != null) {
                KeyCreatedDialog.show(getScene().getWindow(), key, viewModel.createdSettings(), viewModel::forgetCreated);
            }
        });
    }

    private String owner(KeyView key) {
        return viewModel.users().stream().filter(u -> u.id() == key.userId()).map(AdminUser::email).findFirst()
                .orElse("user " + key.userId());
    }

    private void openCreate() {
        viewModel.startCreate();
        ComboBox<AdminUser> user = new ComboBox<>(viewModel.users());
        user.setId("keyOwner");
        user.setConverter(SmallTable.converter(AdminUser::email));
        user.valueProperty().bindBidirectional(viewModel.ownerProperty());
        ComboBox<GroupView> group = new ComboBox<>(viewModel.groups());
        group.setId("keyGroup");
        group.setConverter(SmallTable.converter(g -> g.name() + " (" + g.platform().wireName() + ")"));
        group.valueProperty().bindBidirectional(viewModel.groupProperty());
        TextField name = new TextField();
        name.setId("keyName");
        name.textProperty().bindBidirectional(viewModel.nameProperty());
        TextField quota = new TextField();
        quota.setId("keyQuota");
        quota.setPromptText("USD, empty = no quota");
        quota.textProperty().bindBidirectional(viewModel.quotaProperty());
        TextField expires = new TextField();
        expires.setId("keyExpires");
        expires.setPromptText("YYYY-MM-DD, empty = never");
        expires.textProperty().bindBidirectional(viewModel.expiresProperty());
        GridPane grid = new GridPane(12, 10);
        grid.add(Forms.field("_Member", user), 0, 0);
        grid.add(Forms.field("_Group", group), 1, 0);
        grid.add(Forms.field("_Name", name), 0, 1, 2, 1);
        grid.add(Forms.field("_Quota", quota), 0, 2);
        grid.add(Forms.field("_Expires", expires), 1, 2);
        FormDialog.open(getScene().getWindow(), "New key", "Create", grid, viewModel.formErrorProperty(), viewModel::create);
    }

    private void confirmRevoke() {
        KeyView key = viewModel.selectedProperty().get();
        FormDialog.confirm(getScene().getWindow(), "Revoke the key " + key.prefix() + "…?",
                "Clients using \"" + key.name() + "\" will be refused from now on. This cannot be undone.",
                () -> viewModel.revoke(key));
    }
}
