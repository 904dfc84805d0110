package dev.relaypool.desktop.groups;

import atlantafx.base.theme.Styles;
import dev.relaypool.desktop.common.Badges;
import dev.relaypool.desktop.common.FormDialog;
import dev.relaypool.desktop.common.Formatting;
import dev.relaypool.desktop.common.Forms;
import dev.relaypool.desktop.common.PagedTable;
import dev.relaypool.desktop.common.SmallTable;
import dev.relaypool.model.admin.AccountView;
import dev.relaypool.model.admin.GroupAccount;
import dev.relaypool.model.admin.GroupView;
import java.math.BigDecimal;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/** The groups table with its actions, and beside it the selected group's accounts. */
public final class GroupsView extends VBox {
    private final GroupsViewModel viewModel;

    public GroupsView(GroupsViewModel viewModel) {
        super(10);
        this.viewModel = viewModel;
        getStyleClass().add("screen");
        PagedTable<GroupView> table = new PagedTable<>("groups", viewModel.list(), "Search name or description");
        table.tools(Forms.filter("groupsFilter-platform", viewModel.list().filter("platform"), "All platforms", "anthropic", "openai", "gemini"),
                Forms.filter("groupsFilter-billingType", viewModel.list().filter("billingType"), "All billing", "balance", "subscription"),
                Forms.filter("groupsFilter-status", viewModel.list().filter("status"), "All states", "active", "disabled"));
        Button add = Forms.button("_New group", Feather.PLUS, "newGroup", Styles.ACCENT);
        add.setOnAction(e -> GroupDialog.open(getScene().getWindow(), viewModel, viewModel.newForm()));
        table.tools(add);
        table.column("Name", GroupView::name, "name")
                .column("Platform", g -> g.platform().wireName(), "platform")
                .column("Billing", GroupView::billingType, "billingType")
                .column("Multiplier", g -> "×" + g.rateMultiplier().stripTrailingZeros().toPlainString(), "rateMultiplier")
                .column("Limits day / week / month", g -> limit(g.dailyLimitUsd()) + " / " + limit(g.weeklyLimitUsd())
                        + " / " + limit(g.monthlyLimitUsd()), null)
                .column("RPM / TPM", g -> (g.rpmLimit() == null ? "–" : g.rpmLimit().toString()) + " / "
                        + (g.tpmLimit() == null ? "–" : Formatting.tokens(g.tpmLimit())), null)
                .column("Accounts", g -> Integer.toString(g.accountCount()), null)
                .graphicColumn("Status", g -> Badges.status(g.status()), "status");
        viewModel.selectedProperty().bind(table.table().getSelectionModel().selectedItemProperty());

        Button edit = Forms.button("_Edit…", Feather.EDIT_2, "editGroup", null);
        edit.setOnAction(e -> GroupDialog.open(getScene().getWindow(), viewModel, viewModel.editForm(viewModel.selectedProperty().get())));
        Button delete = Forms.button("_Delete…", Feather.TRASH_2, "deleteGroup", Styles.DANGER);
        delete.setOnAction(e -> confirmDelete());
        BooleanBinding none = Bindings.or(viewModel.selectedProperty().isNull(), viewModel.action().busyProperty());
        edit.disableProperty().bind(none);
        delete.disableProperty().bind(none);
        HBox actions = new HBox(8, edit, delete, Forms.noticeLabel(viewModel.action().noticeProperty()));

        getChildren().addAll(table, actions, Forms.errorLabel(viewModel.action().errorProperty()), members(none));
    }


    private VBox members(BooleanBinding none) {
        Label title = new Label();
        title.getStyleClass().add(Styles.TITLE_4);
        title.textProperty().bind(viewModel.selectedProperty().map(g -> "Accounts in " + g.name()).orElse("Accounts in the group"));
        TableView<GroupAccount> accounts = SmallTable.of("groupAccounts", viewModel.members(), "Select a group to see its accounts.");
        SmallTable.column(accounts, "Account", GroupAccount::name);
        SmallTable.graphicColumn(accounts, "Status", m -> Badges.status(m.status()));
        SmallTable.column(accounts, "Priority", m -> Integer.toString(m.priority()));
        accounts.getSelectionModel().selectedItemProperty().subscribe(m -> {
            if (m != null) {
                viewModel.priorityProperty().set(Integer.toString(m.priority()));
            }
        });
        accounts.setPrefHeight(150);
        HBox.setHgrow(accounts, Priority.ALWAYS);

        ComboBox<AccountView> candidate = new ComboBox<>(viewModel.candidates());
        candidate.setId("groupCandidate");
        candidate.setPromptText("Choose an account");
        candidate.setMaxWidth(Double.MAX_VALUE);
        candidate.setConverter(SmallTable.converter(AccountView::name));
        candidate.valueProperty().bindBidirectional(viewModel.candidateProperty());
        TextField priority = new TextField();
        priority.setId("groupPriority");
        priority.setPrefColumnCount(4);
        priority.textProperty().bindBidirectional(viewModel.priorityProperty());
        Button addAccount = Forms.button("_Add", Feather.PLUS, "addGroupAccount", null);
        addAccount.setOnAction(e -> viewModel.addAccount());
        addAccount.disableProperty().bind(Bindings.or(none, viewModel.candidateProperty().isNull()));
        var noMember = Bindings.or(none, accounts.getSelectionModel().selectedItemProperty().isNull());
        Button setPriority = Forms.button("Set _priority", Feather.ARROW_UP, "setGroupPriority", null);
        setPriority.setOnAction(e -> viewModel.setPriority(accounts.getSelectionModel().getSelectedItem()));
        setPriority.disableProperty().bind(noMember);
        Button remove = Forms.button("_Remove", Feather.MINUS, "removeGroupAccount", null);
        remove.setOnAction(e -> viewModel.removeAccount(accounts.getSelectionModel().getSelectedItem()));
        remove.disableProperty().bind(noMember);

        HBox add = new HBox(8, candidate, addAccount);
        HBox.setHgrow(candidate, Priority.ALWAYS);
        HBox change = new HBox(8, setPriority, remove);
        VBox controls = new VBox(10, Forms.field("Account to a_dd", add), Forms.field("Priorit_y (lower is tried first)", priority), change);
        controls.setPrefWidth(330);
        controls.setMinWidth(300);
        VBox panel = new VBox(10, title, new HBox(16, accounts, controls));
        panel.getStyleClass().add("side-panel");
        return panel;
    }

    private void confirmDelete() {
        GroupView group = viewModel.selectedProperty().get();
        FormDialog.confirm(getScene().getWindow(), "Delete the group " + group.name() + "?",
                "Its accounts stay in the pool. The server refuses while keys still use the group.",
                () -> viewModel.delete(group));
    }

    private static String limit(BigDecimal usd) {
        return usd == null ? "–" : Formatting.money(usd);
    }
}
