package dev.relaypool.desktop.users;

import atlantafx.base.theme.Styles;
import dev.relaypool.desktop.common.Badges;
import dev.relaypool.desktop.common.FormDialog;
import dev.relaypool.desktop.common.Formatting;
import dev.relaypool.desktop.common.Forms;
import dev.relaypool.desktop.common.PagedTable;
import dev.relaypool.model.admin.AdminUser;
import java.time.ZoneId;
import javafx.beans.binding.Bindings;
import javafx.beans.property.StringProperty;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/** The users table, the "new user" form and the balance adjustment. */
public final class UsersView extends VBox {
    public UsersView(UsersViewModel viewModel) {
        super(10);
        getStyleClass().add("screen");
        ZoneId zone = ZoneId.systemDefault();
        PagedTable<AdminUser> table = new PagedTable<>("users", viewModel.list(), "Search e-mail or name");
        ChoiceBox<String> role = new ChoiceBox<>();
        role.getItems().setAll("", "admin", "member");
        role.setConverter(Forms.labelled("All roles"));
        role.valueProperty().bindBidirectional(viewModel.list().filter("role"));
        ChoiceBox<String> status = new ChoiceBox<>();
        status.getItems().setAll("", "active", "disabled");
        status.setConverter(Forms.labelled("All states"));
        status.valueProperty().bindBidirectional(viewModel.list().filter("status"));
        Button add = Forms.button("_New user", Feather.USER_PLUS, "newUser", Styles.ACCENT);
        add.setOnAction(e -> {
            viewModel.startCreate();
            GridPane grid = new GridPane(12, 10);
            grid.add(Forms.field("_E-mail", text("userEmail", viewModel.emailProperty(), new TextField())), 0, 0);
            grid.add(Forms.field("_Name", text("userName", viewModel.displayNameProperty(), new TextField())), 1, 0);
            grid.add(Forms.field("_Password", text("userPassword", viewModel.passwordProperty(), new PasswordField())), 0, 1);
            ChoiceBox<String> newRole = new ChoiceBox<>();
            newRole.getItems().setAll("member", "admin");
            newRole.valueProperty().bindBidirectional(viewModel.roleProperty());
            grid.add(Forms.field("_Role", newRole), 1, 1);
            FormDialog.open(getScene().getWindow(), "New user", "Create", grid, viewModel.formErrorProperty(), viewModel::create);
        });
        table.tools(role, status, add);
        table.column("E-mail", AdminUser::email, "email")
                .column("Name", AdminUser::displayName, null)
                .column("Role", AdminUser::role, "role")
                .graphicColumn("Status", u -> Badges.status(u.status()), "status")
                .column("Balance", u -> Formatting.money(u.balance()), "balance")
                .column("Concurrency", u -> u.concurrencyLimit() == null ? "no limit" : u.concurrencyLimit().toString(), null)
                .column("2FA", u -> u.totpEnabled() ? "on" : "off", null)
                .column("Last sign-in", u -> Formatting.stamp(u.lastLoginAt(), zone), "lastLoginAt");
        viewModel.selectedProperty().bind(table.table().getSelectionModel().selectedItemProperty());

        Button enable = Forms.button("Enable", Feather.PLAY, "enableUser", null);
        enable.setOnAction(e -> viewModel.setActive(viewModel.selectedProperty().get(), true));
        Button disable = Forms.button("Disable", Feather.PAUSE, "disableUser", null);
        disable.setOnAction(e -> viewModel.setActive(viewModel.selectedProperty().get(), false));
        Button balance = Forms.button("Adjust _balance…", Feather.DOLLAR_SIGN, "adjustBalance", null);
        balance.setOnAction(e -> {
            viewModel.startAdjust();
            AdminUser user = viewModel.selectedProperty().get();
            Label now = new Label("Current balance of " + user.email() + ": " + Formatting.money(user.balance()));
            GridPane grid = new GridPane(12, 10);
            grid.add(now, 0, 0, 2, 1);
            grid.add(Forms.field("_Amount (USD, negative to take)", text("balanceAmount", viewModel.amountProperty(), new TextField())), 0, 1);
            grid.add(Forms.field("_Reason", text("balanceReason", viewModel.reasonProperty(), new TextField())), 1, 1);
            FormDialog.open(getScene().getWindow(), "Adjust balance", "Apply", grid, viewModel.formErrorProperty(), viewModel::adjust);
        });
        var none = Bindings.or(viewModel.selectedProperty().isNull(), viewModel.action().busyProperty());
        for (Button b : new Button[] {enable, disable, balance}) {
            b.disableProperty().bind(none);
        }
        HBox actions = new HBox(8, enable, disable, balance, Forms.noticeLabel(viewModel.action().noticeProperty()));
        getChildren().addAll(table, actions, Forms.errorLabel(viewModel.action().errorProperty()));
    }

    private static <F extends TextField> F text(String id, StringProperty value, F field) {
        field.setId(id);
        field.textProperty().bindBidirectional(value);
        return field;
    }
}
