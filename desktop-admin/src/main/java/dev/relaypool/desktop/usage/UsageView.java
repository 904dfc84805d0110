package dev.relaypool.desktop.usage;

import atlantafx.base.theme.Styles;
import dev.relaypool.desktop.common.Formatting;
import dev.relaypool.desktop.common.Forms;
import dev.relaypool.desktop.common.PagedTable;
import dev.relaypool.model.member.ModelUsage;
import dev.relaypool.model.member.UsageRecordView;
import java.io.File;
import java.time.ZoneId;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.feather.Feather;

/** Usage records with filters, the per-model chart of the period and the CSV export. */
public final class UsageView extends VBox {
    public UsageView(UsageViewModel viewModel) {
        super(10);
        getStyleClass().add("screen");
        ZoneId zone = ZoneId.systemDefault();
        PagedTable<UsageRecordView> table = new PagedTable<>("usage", viewModel.list(), "Search request id or model");
        TextField model = small("usageModel", "model");
        model.textProperty().bindBidirectional(viewModel.list().filter("model"));
        TextField status = small("usageStatus", "status");
        status.textProperty().bindBidirectional(viewModel.list().filter("status"));
        TextField from = small("usageFrom", "from YYYY-MM-DD");
        from.textProperty().bindBidirectional(viewModel.fromProperty());
        TextField to = small("usageTo", "to YYYY-MM-DD");
        to.textProperty().bindBidirectional(viewModel.toProperty());
        Button export = Forms.button("Export _CSV", Feather.DOWNLOAD, "exportUsage", null);
        export.disableProperty().bind(viewModel.exportingProperty());
        export.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setInitialFileName("relaypool-usage.csv");
            File file = chooser.showSaveDialog(getScene().getWindow());
            if (file != null) {
                viewModel.export(file.toPath());
            }
        });
        table.tools(model, status, from, to, export);
        table.column("Time", r -> Formatting.stamp(r.createdAt(), zone), "createdAt")
                .column("Model", UsageRecordView::model, null)
                .column("User", r -> Long.toString(r.userId()), null)
                .column("Key", r -> Long.toString(r.keyId()), null)
                .column("Input", r -> Formatting.tokens(r.inputTokens()), "inputTokens")
                .column("Output", r -> Formatting.tokens(r.outputTokens()), "outputTokens")
                .column("Cache r/w", r -> Formatting.tokens(r.cacheReadTokens()) + " / "
                        + Formatting.tokens(r.cacheWrite5mTokens() + r.cacheWrite1hTokens()), null)
                .column("Cost", r -> Formatting.money(r.cost()), "cost")
                .column("Latency", r -> r.durationMs() + " ms", "durationMs")
                .column("Status", r -> Integer.toString(r.status()), null);

        ProgressBar progress = new ProgressBar(ProgressBar.INDETERMINATE_PROGRESS);
        progress.setPrefWidth(120);
        Forms.showWhen(progress, viewModel.exportingProperty());
        Button cancel = Forms.button("Cancel export", Feather.X, "cancelExport", Styles.FLAT);
        Forms.showWhen(cancel, viewModel.exportingProperty());
        cancel.setOnAction(e -> viewModel.cancelExport());
        Label exportStatus = new Label();
        exportStatus.setId("exportStatus");
        exportStatus.textProperty().bind(viewModel.exportStatusProperty());
        HBox exportRow = new HBox(8, progress, exportStatus, cancel);

        BarChart<String, Number> perModel = new BarChart<>(new CategoryAxis(), new NumberAxis());
        perModel.setId("usageByModel");
        perModel.setTitle("Cost by model (USD)");
        perModel.setAnimated(false);
        perModel.setLegendVisible(false);
        perModel.setMinHeight(220);
        XYChart.Series<String, Number> series = new XYChart.Series<>();
        perModel.getData().add(series);
        // a chart bar only: the amount itself stays exact in the table and the CSV
        Runnable redraw = () -> series.getData().setAll(viewModel.models().stream()
                .map(m -> new XYChart.Data<String, Number>(m.model(), m.cost().doubleValue())).toList());
        viewModel.models().subscribe(redraw);
        redraw.run(); // the models may have arrived before this view was built
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().addAll(table, Forms.errorLabel(viewModel.errorProperty()), exportRow, perModel);
    }

    private static TextField small(String id, String prompt) {
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        field.setPrefColumnCount(9);
        return field;
    }
}
