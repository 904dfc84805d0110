package dev.relaypool.desktop.usage;

import atlantafx.base.theme.Styles;
import dev.relaypool.desktop.common.Formatting;
import dev.relaypool.desktop.common.Forms;
import dev.relaypool.desktop.common.PagedTable;
import dev.relaypool.model.member.UsageRecordView;
import java.io.File;
import java.time.ZoneId;
import java.util.function.Function;
import javafx.collections.ObservableList;
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

/** Usage records with filters, the per-model and per-member charts of the period and the CSV export. */
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

        // chart bars only: the amounts themselves stay exact in the table and the CSV
        BarChart<String, Number> perModel = costChart("usageByModel", "Cost by model (USD)", viewModel.models(),
                m -> new XYChart.Data<>(m.model(), m.cost().doubleValue()));
        BarChart<String, Number> perUser = costChart("usageByUser", "Cost by member (USD)", viewModel.users(),
                u -> new XYChart.Data<>(u.email().isBlank() ? "user " + u.userId() : u.email(), u.cost().doubleValue()));
        HBox.setHgrow(perModel, Priority.ALWAYS);
        HBox.setHgrow(perUser, Priority.ALWAYS);
        HBox charts = new HBox(12, perModel, perUser);
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().addAll(table, Forms.errorLabel(viewModel.errorProperty()), exportRow, charts);
    }

    private static <T> BarChart<String, Number> costChart(String id, String title, ObservableList<T> rows,
                                                          Function<T, XYChart.Data<String, Number>> bar) {
        BarChart<String, Number> chart = new BarChart<>(new CategoryAxis(), new NumberAxis());
        chart.setId(id);
        chart.setTitle(title);
        chart.setAnimated(false);
        chart.setLegendVisible(false);
        chart.setMinHeight(220);
        XYChart.Series<String, Number> series = new XYChart.Series<>();
        chart.getData().add(series);
        Runnable redraw = () -> series.getData().setAll(rows.stream().limit(12).map(bar).toList());
        rows.subscribe(redraw);
        redraw.run(); // the rows may have arrived before this view was built
        return chart;
    }

    private static TextField small(String id, String prompt) {
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        field.setPrefColumnCount(9);
        return field;
    }
}
