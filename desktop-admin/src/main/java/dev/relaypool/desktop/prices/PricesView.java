package dev.relaypool.desktop.prices;

import atlantafx.base.theme.Styles;
import dev.relaypool.desktop.common.Badges;
import dev.relaypool.desktop.common.FormDialog;
import dev.relaypool.desktop.common.Formatting;
import dev.relaypool.desktop.common.Forms;
import dev.relaypool.desktop.common.Icons;
import dev.relaypool.desktop.common.PagedTable;
import dev.relaypool.desktop.common.SmallTable;
import dev.relaypool.model.admin.CataloguePrice;
import dev.relaypool.model.admin.PriceOverride;
import java.io.File;
import java.math.BigDecimal;
import java.time.ZoneId;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.feather.Feather;

/** The price list in force, the overrides beside it, and the catalogue upload. USD per million tokens throughout. */
public final class PricesView extends VBox {
    private final PricesViewModel viewModel;

    public PricesView(PricesViewModel viewModel) {
        super(10);
        this.viewModel = viewModel;
        getStyleClass().add("screen");
        Label source = new Label();
        source.setId("priceSource");
        source.textProperty().bind(viewModel.sourceProperty());
        source.getStyleClass().add(Styles.TEXT_MUTED);
        MenuItem extend = new MenuItem("_Extend the bundled catalogue…");
        extend.setOnAction(e -> chooseUpload(false));
        MenuItem replace = new MenuItem("_Replace the bundled catalogue…");
        replace.setOnAction(e -> chooseUpload(true));
        MenuButton upload = new MenuButton("_Upload catalogue", Icons.of(Feather.UPLOAD), extend, replace);
        upload.setId("uploadCatalogue");
        upload.setMnemonicParsing(true);

        PagedTable<CataloguePrice> table = new PagedTable<>("prices", viewModel.list(), "Search model");
        Button override = Forms.button("_Override…", Feather.EDIT_2, "overridePrice", Styles.ACCENT);
        override.setOnAction(e -> openForm(viewModel.selectedProperty().get() == null ? null : viewModel.selectedProperty().get().model()));
        table.tools(upload, override);
        table.column("Model", CataloguePrice::model, "model")
                .column("Input", p -> usd(p.inputPerMtok()), null)
                .column("Output", p -> usd(p.outputPerMtok()), null)
                .column("Cache write 5m", p -> usd(p.cacheWrite5mPerMtok()), null)
                .column("Cache write 1h", p -> usd(p.cacheWrite1hPerMtok()), null)
                .column("Cache read", p -> usd(p.cacheReadPerMtok()), null)
                .column("Above 200k in / out", p -> p.longContextThreshold() == null ? "–"
                        : usd(p.inputAboveThresholdPerMtok()) + " / " + usd(p.outputAboveThresholdPerMtok()), null)
                .graphicColumn("", p -> p.overridden() ? Badges.status("override") : null, null);
        viewModel.selectedProperty().bind(table.table().getSelectionModel().selectedItemProperty());

        getChildren().addAll(source, table, Forms.noticeLabel(viewModel.action().noticeProperty()),
                Forms.errorLabel(viewModel.action().errorProperty()), overrides());
    }

    private VBox overrides() {
        Label title = new Label("Your overrides");
        title.getStyleClass().add(Styles.TITLE_4);
        ZoneId zone = ZoneId.systemDefault();
        TableView<PriceOverride> table = SmallTable.of("priceOverrides", viewModel.overrides(),
                "No overrides: every model is priced by the catalogue.");
        SmallTable.column(table, "Model", PriceOverride::model);
        SmallTable.column(table, "In / out", o -> usd(o.inputPerMtok()) + " / " + usd(o.outputPerMtok()));
        SmallTable.column(table, "Changed", o -> Formatting.stamp(o.updatedAt(), zone));
        viewModel.selectedOverrideProperty().bind(table.getSelectionModel().selectedItemProperty());
        table.setPrefHeight(130);
        HBox.setHgrow(table, Priority.ALWAYS);
        Button edit = Forms.button("Ed_it…", Feather.EDIT_2, "editOverride", null);
        edit.setOnAction(e -> openForm(viewModel.selectedOverrideProperty().get().model()));
        Button remove = Forms.button("Re_move…", Feather.TRASH_2, "removeOverride", Styles.DANGER);
        remove.setOnAction(e -> confirmRemove(viewModel.selectedOverrideProperty().get()));
        var none = Bindings.or(viewModel.selectedOverrideProperty().isNull(), viewModel.action().busyProperty());
        edit.disableProperty().bind(none);
        remove.disableProperty().bind(none);
        VBox buttons = new VBox(8, edit, remove);
        VBox panel = new VBox(8, title, new HBox(16, table, buttons));
        panel.getStyleClass().add("side-panel");
        return panel;
    }

    private void openForm(String model) {
        OverrideFormModel form = viewModel.overrideForm(model);
        TextField name = new TextField();
        name.setId("overrideModel");
        name.textProperty().bindBidirectional(form.modelProperty());
        name.setEditable(!form.editing());
        GridPane grid = new GridPane(12, 10);
        grid.add(Forms.field("_Model", name), 0, 0, 2, 1);
        for (int i = 0; i < OverrideFormModel.BUCKETS.size(); i++) {
            TextField price = new TextField();
            price.setId("overridePrice" + i);
            price.setPromptText("catalogue's");
            price.textProperty().bindBidirectional(form.prices().get(i));
            String label = OverrideFormModel.BUCKETS.get(i);
            grid.add(Forms.field(i < 2 ? "_" + label : label, price), i % 2, 1 + i / 2);
        }
        TextField threshold = new TextField();
        threshold.setId("overrideThreshold");
        threshold.setPromptText("input tokens, e.g. 200000");
        threshold.textProperty().bindBidirectional(form.thresholdProperty());
        grid.add(Forms.field("Long-context _threshold", threshold), 1, 4);
        Label hint = new Label("USD per million tokens; an empty field keeps the catalogue's price. Billing applies the"
                + " long-context prices above the catalogue's 200k threshold.");
        hint.setWrapText(true);
        hint.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        grid.add(hint, 0, 5, 2, 1);
        FormDialog.open(getScene().getWindow(), form.editing() ? "Override for " + model : "New price override", "Save",
                grid, form.errorProperty(), close -> viewModel.saveOverride(form, close));
    }

    private void confirmRemove(PriceOverride override) {
        FormDialog.confirm(getScene().getWindow(), "Remove the override for " + override.model() + "?",
                "The catalogue's prices apply to the next request.",
                () -> viewModel.removeOverride(override.model()));
    }

    private void chooseUpload(boolean replace) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(replace ? "Catalogue that replaces the bundled one" : "Catalogue that extends the bundled one");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("LiteLLM price catalogue (JSON)", "*.json"));
        File file = chooser.showOpenDialog(getScene().getWindow());
        if (file != null) {
            viewModel.upload(file.toPath(), replace);
        }
    }

    private static String usd(BigDecimal perMillion) {
        return perMillion == null ? "–" : "$" + perMillion.stripTrailingZeros().toPlainString();
    }
}
