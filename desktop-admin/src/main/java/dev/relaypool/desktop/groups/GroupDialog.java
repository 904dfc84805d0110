package dev.relaypool.desktop.groups;

import dev.relaypool.desktop.common.FormDialog;
import dev.relaypool.desktop.common.Forms;
import dev.relaypool.desktop.common.SmallTable;
import dev.relaypool.model.Platform;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/** The create/edit group form. */
final class GroupDialog {
    private GroupDialog() {}

    static void open(Window owner, GroupsViewModel viewModel, GroupFormModel form) {
        ChoiceBox<Platform> platform = new ChoiceBox<>();
        platform.setId("groupPlatform");
        platform.getItems().setAll(Platform.values());
        platform.setConverter(SmallTable.converter(Platform::wireName));
        platform.valueProperty().bindBidirectional(form.platformProperty());
        platform.setDisable(form.editing() != null && form.editing().accountCount() > 0); // accounts match the platform
        ChoiceBox<String> billing = new ChoiceBox<>();
        billing.setId("groupBilling");
        billing.getItems().setAll("balance", "subscription");
        billing.valueProperty().bindBidirectional(form.billingTypeProperty());
        CheckBox exclusive = new CheckBox("_Exclusive (only users allowed it)");
        exclusive.setId("groupExclusive");
        exclusive.selectedProperty().bindBidirectional(form.exclusiveProperty());
        CheckBox active = new CheckBox("_Active");
        active.setId("groupActive");
        active.selectedProperty().bindBidirectional(form.activeProperty());

        GridPane grid = new GridPane(12, 10);
        grid.add(Forms.field("_Name", Forms.text("groupName", form.nameProperty(), "")), 0, 0);
        grid.add(Forms.field("_Platform", platform), 1, 0);
        grid.add(Forms.field("_Description", Forms.text("groupDescription", form.descriptionProperty(), "")), 0, 1, 2, 1);
        grid.add(Forms.field("_Billing", billing), 0, 2);
        grid.add(Forms.field("_Multiplier", Forms.text("groupMultiplier", form.multiplierProperty(), "1 = list price")), 1, 2);
        grid.add(Forms.field("Dai_ly limit (USD)", Forms.text("groupDaily", form.dailyLimitProperty(), "empty = none")), 0, 3);
        grid.add(Forms.field("_Weekly limit (USD)", Forms.text("groupWeekly", form.weeklyLimitProperty(), "empty = none")), 1, 3);
        grid.add(Forms.field("M_onthly limit (USD)", Forms.text("groupMonthly", form.monthlyLimitProperty(), "empty = none")), 0, 4);
        grid.add(Forms.field("_Requests / minute", Forms.text("groupRpm", form.rpmLimitProperty(), "empty = no limit")), 1, 4);
        grid.add(Forms.field("_Tokens / minute", Forms.text("groupTpm", form.tpmLimitProperty(), "empty = no limit")), 0, 5);
        grid.add(exclusive, 0, 6);
        grid.add(active, 1, 6);
        String title = form.editing() == null ? "New group" : "Edit group " + form.editing().name();
        FormDialog.open(owner, title, form.editing() == null ? "Create" : "Save", grid, form.errorProperty(),
                close -> viewModel.save(form, close));
    }

}
