package dev.relaypool.desktop.dashboard;

import atlantafx.base.theme.Styles;
import dev.relaypool.model.admin.DashboardBucket;
import dev.relaypool.desktop.common.Forms;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.chart.AreaChart;
import javafx.scene.chart.StackedBarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** Requests and tokens over the chosen range, from the server's dashboard series. */
final class ChartsPane extends VBox {
    private final ChartsModel model;
    private final StackedBarChart<String, Number> requests = new StackedBarChart<>(new CategoryAxis(), new NumberAxis());
    private final AreaChart<String, Number> tokens = new AreaChart<>(new CategoryAxis(), new NumberAxis());

    ChartsPane(ChartsModel model) {
        super(8);
        this.model = model;
        Label title = new Label("Traffic");
        title.getStyleClass().add(Styles.TITLE_4);
        ChoiceBox<ChartsModel.Range> range = new ChoiceBox<>();
        range.setId("chartRange");
        range.getItems().setAll(ChartsModel.Range.values());
        range.valueProperty().bindBidirectional(model.rangeProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(10, title, spacer, range);
        header.setAlignment(Pos.CENTER_LEFT);

        requests.setId("requestsChart");
        requests.setTitle("Requests and errors");
        tokens.setId("tokensChart");
        tokens.setTitle("Tokens");
        for (XYChart<String, Number> chart : List.<XYChart<String, Number>>of(requests, tokens)) {
            chart.setAnimated(false);
            chart.setPrefHeight(230);
            chart.setLegendVisible(true);
            HBox.setHgrow(chart, Priority.ALWAYS);
        }
        requests.setCategoryGap(2);
        tokens.setCreateSymbols(false);
        HBox charts = new HBox(12, requests, tokens);
        getChildren().addAll(header, Forms.errorLabel(model.errorProperty()), charts);
        model.buckets().subscribe(this::redraw);
        redraw(); // the buckets may have arrived before this view was built
        getStyleClass().add("dashboard-panel");
    }

    private void redraw() {
        DateTimeFormatter format = switch (model.rangeProperty().get()) {
            case HOUR, DAY -> DateTimeFormatter.ofPattern("HH:mm");
            case MONTH -> DateTimeFormatter.ofPattern("MM-dd");
        };
        XYChart.Series<String, Number> ok = new XYChart.Series<>();
        ok.setName("Requests");
        XYChart.Series<String, Number> failed = new XYChart.Series<>();
        failed.setName("Errors");
        XYChart.Series<String, Number> input = new XYChart.Series<>();
        input.setName("Input");
        XYChart.Series<String, Number> output = new XYChart.Series<>();
        output.setName("Output");
        XYChart.Series<String, Number> cache = new XYChart.Series<>();
        cache.setName("Cache read + write");
        for (DashboardBucket b : model.buckets()) {
            String at = format.format(b.start().atZone(ZoneId.systemDefault()));
            ok.getData().add(new XYChart.Data<>(at, b.requests() - b.errors()));
            failed.getData().add(new XYChart.Data<>(at, b.errors()));
            input.getData().add(new XYChart.Data<>(at, b.inputTokens()));
            output.getData().add(new XYChart.Data<>(at, b.outputTokens()));
            cache.getData().add(new XYChart.Data<>(at, b.cacheReadTokens() + b.cacheWriteTokens()));
        }
        requests.getData().setAll(List.of(ok, failed));
        tokens.getData().setAll(List.of(input, output, cache));
    }
}
