package dev.relaypool.desktop.subscriptions;

import atlantafx.base.theme.Styles;
import dev.relaypool.desktop.common.Badges;
import dev.relaypool.desktop.common.FormDialog;
import dev.relaypool.desktop.common.Formatting;
import dev.relaypool.desktop.common.Forms;
import dev.relaypool.desktop.common.PagedTable;
import dev.relaypool.desktop.common.SmallTable;
import dev.relaypool.model.admin.AdminUser;
import dev.relaypool.model.admin.GroupView;
import dev.relaypool.model.admin.SubscriptionView;
import java.time.ZoneId;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/** The subscriptions table, assign/extend/revoke, and the selected one's usage windows. */
public final class SubscriptionsView extends VBox {
    private final SubscriptionsViewModel viewModel;

    public SubscriptionsView(SubscriptionsViewModel viewModel) {
        super(10);
        this.viewModel = viewModel;
        getStyleClass().add("screen");
        ZoneId zone = ZoneId.systemDefault();
        PagedTable<SubscriptionView> table = new PagedTable<>("subscriptions", viewModel.list(), "Search user e-mail");
        ChoiceBox<String> status = Forms.filter("subscriptionsFilter-status", viewModel.list().filter("status"), "All states", "active", "expired", "cancelled");
        Button assign = Forms.button("_Assign…", Feather.USER_CHECK, "assignSubscription", Styles.ACCENT);
        assign.setOnAction(e -> openAssign());
        table.tools(status, assign);
        table.column("User", s -> viewModel.email(s.userId()), null)
                .column("Group", SubscriptionView::groupName, null)
                .column("Started", s -> Formatting.stamp(s.startsAt(), zone), null)
                .column("Ends", s -> Formatting.stamp(s.expiresAt(), zone), "expiresAt")
                .graphicColumn("Status", s -> Badges.status(s.status()), null)
                .column("Spent day / week / month", s -> Formatting.money(s.dailyUsageUsd()) + " / "
                        + Formatting.money(s.weeklyUsageUsd()) + " / " + Formatting.money(s.monthlyUsageUsd()), null);
        viewModel.selectedProperty().bind(table.table().getSelectionModel().selectedItemProperty());

        TextField days = new TextField();
        days.setId("extendDays");
        days.setPrefColumnCount(5);
        days.setMaxWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        days.textProperty().bindBidirectional(viewModel.extendDaysProperty());
        Button extend = Forms.button("_Extend", Feather.CALENDAR, "extendSubscription", null);
        extend.setOnAction(e -> viewModel.extend(viewModel.selectedProperty().get()));
        Button revoke = Forms.button("_Revoke…", Feather.X_CIRCLE, "revokeSubscription", Styles.DANGER);
        revoke.setOnAction(e -> confirmRevoke());
        BooleanBinding none = Bindings.or(viewModel.selectedProperty().isNull(), viewModel.action().busyProperty());
        extend.disableProperty().bind(none);
        revoke.disableProperty().bind(none);
        HBox actions = new HBox(8, Forms.field("_Days (negative shortens)", days), extend, revoke,
                Forms.noticeLabel(viewModel.action().noticeProperty()));
        actions.setAlignment(Pos.BOTTOM_LEFT);

        getChildren().addAll(table, actions, Forms.errorLabel(viewModel.action().errorProperty()),
                new UsageWindows(viewModel.progressProperty(), zone));
    }

    private void openAssign() {
        viewModel.startAssign();
        ComboBox<AdminUser> user = new ComboBox<>(viewModel.users());
        user.setId("subscriptionUser");
        user.setConverter(SmallTable.converter(AdminUser::email));
        user.valueProperty().bindBidirectional(viewModel.userProperty());
        ComboBox<GroupView> group = new ComboBox<>(viewModel.groups());
        group.setId("subscriptionGroup");
        group.setConverter(SmallTable.converter(GroupView::name));
        group.valueProperty().bindBidirectional(viewModel.groupProperty());
        TextField days = new TextField();
        days.setId("subscriptionDays");
        days.textProperty().bindBidirectional(viewModel.daysProperty());
        GridPane grid = new GridPane(12, 10);
        grid.add(Forms.field("_User", user), 0, 0);
        grid.add(Forms.field("_Group", group), 1, 0);
        grid.add(Forms.field("_Days", days), 0, 1);
        FormDialog.open(getScene().getWindow(), "Assign a subscription", "Assign", grid, viewModel.formErrorProperty(),
                viewModel::assign);
    }

    private void confirmRevoke() {
        SubscriptionView subscription = viewModel.selectedProperty().get();
        FormDialog.confirm(getScene().getWindow(), "Revoke " + subscription.groupName() + "?",
                "Keys of that group stop working for " + viewModel.email(subscription.userId()) + " at once.",
                () -> viewModel.revoke(subscription));
    }
}
