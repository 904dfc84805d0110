package dev.relaypool.desktop.usage;

import dev.relaypool.desktop.api.ApiResult;
import dev.relaypool.desktop.api.ListQuery;
import dev.relaypool.desktop.api.RestClient;
import dev.relaypool.desktop.common.PagedList;
import dev.relaypool.desktop.common.PartFile;
import dev.relaypool.desktop.common.ScreenContext;
import dev.relaypool.model.member.ModelUsage;
import dev.relaypool.model.member.UsageRecordView;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Usage screen: relayed requests filtered by model, status and dates, a per-model breakdown of the same
 * period, and a CSV export that shows its progress and can be cancelled (a cancelled file is not left behind).
 */
public final class UsageViewModel {
    private final ScreenContext context;
    private final PagedList<UsageRecordView> list;
    private final StringProperty from = new SimpleStringProperty("");
    private final StringProperty to = new SimpleStringProperty("");
    private final ObservableList<ModelUsage> models = FXCollections.observableArrayList();
    private final BooleanProperty exporting = new SimpleBooleanProperty(false);
    private final StringProperty exportStatus = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");
    private AtomicBoolean cancel = new AtomicBoolean();

    public UsageViewModel(ScreenContext context) {
        this.context = context;
        this.list = context.pagedList(context.api().usage()::list);
        from.addListener((obs, o, n) -> applyDates());
        to.addListener((obs, o, n) -> applyDates());
    }

    public PagedList<UsageRecordView> list() { return list; }
    /** "YYYY-MM-DD" or empty, in the operator's zone; the "to" day is included. */
    public StringProperty fromProperty() { return from; }
    public StringProperty toProperty() { return to; }
    public ObservableList<ModelUsage> models() { return models; }
    public BooleanProperty exportingProperty() { return exporting; }
    public StringProperty exportStatusProperty() { return exportStatus; }
    public StringProperty errorProperty() { return error; }

    public void load() {
        list.reload();
        loadModels();
    }

    private void applyDates() {
        Instant start = day(from.get(), 0);
        Instant end = day(to.get(), 1);
        if (start == null || end == null) {
            error.set("Dates look like 2026-01-31.");
            return;
        }
        error.set("");
        list.filter("from").set(start == Instant.MIN ? "" : start.toString());
        list.filter("to").set(end == Instant.MAX ? "" : end.toString());
        loadModels();
    }

    private void loadModels() {
        Instant now = context.clock().instant();
        Instant start = day(from.get(), 0);
        Instant end = day(to.get(), 1);
        Instant since = start == null || start == Instant.MIN ? now.minus(Duration.ofDays(30)) : start;
        Instant until = end == null || end == Instant.MAX ? now : end;
        context.call((at, token) -> context.api().usage().models(at, token, since, until), result -> {
            if (result instanceof ApiResult.Ok<List<ModelUsage>>(List<ModelUsage> got)) {
                models.setAll(got);
            }
        });
    }

    /** Instant.MIN/MAX for an empty field, null for one that is not a date. */
    private Instant day(String text, int plusDays) {
        if (text == null || text.isBlank()) {
            return plusDays == 0 ? Instant.MIN : Instant.MAX;
        }
        try {
            return LocalDate.parse(text.strip()).plusDays(plusDays).atStartOfDay(context.clock().getZone()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Downloads every record matching the filters into {@code file} (through a temporary file next to it). */
    public void export(Path file) {
        if (exporting.get()) {
            return;
        }
        ListQuery query = list.query();
        AtomicBoolean cancelled = new AtomicBoolean();
        cancel = cancelled;
        exporting.set(true);
        exportStatus.set("Starting export…");
        context.call((at, token) -> PartFile.write(file, out -> context.api().usage().exportCsv(at, token, query, out,
                bytes -> context.async().ui().execute(() -> {
                    if (exporting.get()) {
                        exportStatus.set("Exporting… " + kilobytes(bytes) + " written");
                    }
                }), cancelled::get)), result -> {
            exporting.set(false);
            exportStatus.set(switch (result) {
                case ApiResult.Ok<Long>(Long bytes) -> "Saved " + kilobytes(bytes) + " to " + file + ".";
                case ApiResult.Failed<Long>(int status, String message) when RestClient.CANCELLED.equals(message) -> "Export cancelled.";
                case ApiResult.Failed<Long>(int status, String message) when status == 0 -> "Export failed: " + message + ".";
                default -> "Export failed. " + context.explain(result);
            });
        });
    }

    public void cancelExport() {
        cancel.set(true);
    }

    private static String kilobytes(long bytes) {
        return bytes < 1024 ? bytes + " bytes" : (bytes + 1023) / 1024 + " KB";
    }
}
