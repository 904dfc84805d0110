package dev.relaypool.desktop.redeem;

import atlantafx.base.theme.Styles;
import dev.relaypool.desktop.common.Badges;
import dev.relaypool.desktop.common.FormDialog;
import dev.relaypool.desktop.common.Formatting;
import dev.relaypool.desktop.common.Forms;
import dev.relaypool.desktop.common.PagedTable;
import dev.relaypool.desktop.common.SmallTable;
import dev.relaypool.model.admin.GroupView;
import dev.relaypool.model.admin.RedeemCodeView;
import java.io.File;
import java.time.ZoneId;
import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;

/** The codes table with status/type filters, the "generate a batch" form and saving a batch as CSV. */
public final class RedeemCodesView extends VBox {
    private final RedeemCodesViewModel viewModel;

    public RedeemCodesView(RedeemCodesViewModel viewModel) {
        super(10);
        this.viewModel = viewModel;
        getStyleClass().add("screen");
        ZoneId zone = ZoneId.systemDefault();
        PagedTable<RedeemCodeView> table = new PagedTable<>("codes", viewModel.list(), "Search code or notes");
        Button generate = Forms.button("_Generate codes…", Feather.PLUS, "generateCodes", Styles.ACCENT);
        generate.setOnAction(e -> openGenerate());
        table.tools(Forms.filter("codesFilter-status", viewModel.list().filter("status"), "All states", "unused", "used", "disabled", "expired"),
                Forms.filter("codesFilter-type", viewModel.list().filter("type"), "All kinds", "balance", "subscription", "concurrency"), generate);
        table.column("Code", RedeemCodeView::code, null)
                .column("Kind", RedeemCodeView::type, null)
                .column("Gives", viewModel::describe, null)
                .graphicColumn("Status", c -> Badges.status(c.status()), "status")
                .column("Used", c -> c.usedAt() == null ? "" : Formatting.stamp(c.usedAt(), zone) + " by user " + c.usedBy(), "usedAt")
                .column("Expires", c -> c.expiresAt() == null ? "never" : Formatting.stamp(c.expiresAt(), zone), null)
                .column("Notes", RedeemCodeView::notes, null)
                .column("Created", c -> Formatting.stamp(c.createdAt(), zone), "createdAt");
        viewModel.selectedProperty().bind(table.table().getSelectionModel().selectedItemProperty());

        Button disable = Forms.button("_Disable", Feather.SLASH, "disableCode", null);
        disable.setOnAction(e -> viewModel.disable(viewModel.selectedProperty().get()));
        disable.disableProperty().bind(Bindings.or(viewModel.action().busyProperty(), Bindings.createBooleanBinding(
                () -> viewModel.selectedProperty().get() == null || !"unused".equals(viewModel.selectedProperty().get().status()),
                viewModel.selectedProperty())));
        Button export = Forms.button("_Save batch as CSV…", Feather.DOWNLOAD, "exportBatch", null);
        export.setOnAction(e -> chooseFile(getScene().getWindow(), viewModel.selectedProperty().get().batchId()));
        export.disableProperty().bind(Bindings.createBooleanBinding(
                () -> viewModel.selectedProperty().get() == null || viewModel.selectedProperty().get().batchId() == null,
                viewModel.selectedProperty()));
        HBox actions = new HBox(8, disable, export, Forms.noticeLabel(viewModel.action().noticeProperty()),
                Forms.noticeLabel(viewModel.saveStatusProperty()));
        getChildren().addAll(table, actions, Forms.errorLabel(viewModel.action().errorProperty()));

        viewModel.generatedProperty().subscribe(batch -> {
            if (batch != null) {
                BatchDialog.show(getScene().getWindow(), viewModel, batch, this::chooseFile);
            }
        });
    }


    void chooseFile(Window owner, String batchId) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save redeem codes");
        chooser.setInitialFileName("redeem-codes-" + batchId + ".csv");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV files", "*.csv"));
        File file = chooser.showSaveDialog(owner);
        if (file != null) {
            viewModel.saveCsv(batchId, file.toPath());
        }
    }

    private void openGenerate() {
        viewModel.startGenerate();
        ChoiceBox<String> type = new ChoiceBox<>();
        type.setId("codeType");
        type.getItems().setAll("balance", "subscription", "concurrency");
        type.valueProperty().bindBidirectional(viewModel.typeProperty());
        ComboBox<GroupView> group = new ComboBox<>(viewModel.groups());
        group.setId("codeGroup");
        group.setPromptText("Subscription group");
        group.setConverter(SmallTable.converter(GroupView::name));
        group.valueProperty().bindBidirectional(viewModel.groupProperty());
        TextField value = Forms.text("codeValue", viewModel.valueProperty(), "");
        value.promptTextProperty().bind(viewModel.typeProperty().map(t -> t.equals("concurrency") ? "slots, e.g. 2" : "USD, e.g. 10"));
        Node valueField = Forms.field("_Value", value);
        Node groupField = Forms.field("G_roup", group);
        Node daysField = Forms.field("_Days", Forms.text("codeDays", viewModel.daysProperty(), "e.g. 30"));
        var subscription = viewModel.typeProperty().isEqualTo("subscription");
        Forms.showWhen(valueField, subscription.not());
        Forms.showWhen(groupField, subscription);
        Forms.showWhen(daysField, subscription);
        GridPane grid = new GridPane(12, 10);
        grid.add(Forms.field("_Kind", type), 0, 0);
        grid.add(Forms.field("_Count", Forms.text("codeCount", viewModel.countProperty(), "1-1000")), 1, 0);
        grid.add(new HBox(12, valueField, groupField, daysField), 0, 1, 2, 1);
        grid.add(Forms.field("_Expires", Forms.text("codeExpires", viewModel.expiresProperty(), "YYYY-MM-DD, empty = never")), 0, 2);
        grid.add(Forms.field("_Notes", Forms.text("codeNotes", viewModel.notesProperty(), "who the batch is for")), 1, 2);
        FormDialog.open(getScene().getWindow(), "Generate redeem codes", "Generate", grid, viewModel.formErrorProperty(),
                viewModel::generate);
    }

}
