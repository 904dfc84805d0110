package dev.relaypool.desktop.prices;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.relaypool.desktop.api.ApiResult;
import dev.relaypool.desktop.api.Json;
import dev.relaypool.desktop.common.Action;
import dev.relaypool.desktop.common.Formatting;
import dev.relaypool.desktop.common.PagedList;
import dev.relaypool.desktop.common.ScreenContext;
import dev.relaypool.model.admin.CataloguePrice;
import dev.relaypool.model.admin.PriceCatalogueInfo;
import dev.relaypool.model.admin.PriceOverride;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Prices screen: the model prices in force (searched by the server), where the catalogue came from, the
 * operator's per-model overrides, and uploading a catalogue file that replaces or extends the bundled one.
 */
public final class PricesViewModel {
    private final ScreenContext context;
    private final PagedList<CataloguePrice> list;
    private final Action action;
    private final ObjectProperty<PriceCatalogueInfo> info = new SimpleObjectProperty<>();
    private final StringProperty source = new SimpleStringProperty("");
    private final ObservableList<PriceOverride> overrides = FXCollections.observableArrayList();
    private final ObjectProperty<CataloguePrice> selected = new SimpleObjectProperty<>();
    private final ObjectProperty<PriceOverride> selectedOverride = new SimpleObjectProperty<>();

    public PricesViewModel(ScreenContext context) {
        this.context = context;
        this.list = context.pagedList(context.api().prices()::models);
        this.action = new Action(context);
    }

    public PagedList<CataloguePrice> list() { return list; }
    public Action action() { return action; }
    public ObjectProperty<PriceCatalogueInfo> infoProperty() { return info; }
    /** "Bundled catalogue, 1,200 models" or where the uploaded one came from and when. */
    public StringProperty sourceProperty() { return source; }
    public ObservableList<PriceOverride> overrides() { return overrides; }
    public ObjectProperty<CataloguePrice> selectedProperty() { return selected; }
    public ObjectProperty<PriceOverride> selectedOverrideProperty() { return selectedOverride; }

    public void load() {
        list.reload();
        loadInfo();
    }

    private void loadInfo() {
        context.call((at, token) -> context.api().prices().info(at, token), result -> {
            if (result instanceof ApiResult.Ok<PriceCatalogueInfo>(PriceCatalogueInfo got)) {
                show(got);
            } else {
                action.fail(context.explain(result));
            }
        });
    }

    private void show(PriceCatalogueInfo got) {
        info.set(got);
        overrides.setAll(got.overrides());
        String from = switch (got.source()) {
            case "bundled" -> "Bundled catalogue";
            case "upload:replace" -> "Uploaded catalogue (replaces the bundled one)";
            case "upload:extend" -> "Bundled catalogue extended by an upload";
            default -> "Catalogue " + got.source();
        };
        source.set(from + ", " + got.modelCount() + " models"
                + (got.loadedAt() == null ? "" : ", loaded " + Formatting.stamp(got.loadedAt(), context.clock().getZone()))
                + "; " + got.overrides().size() + (got.overrides().size() == 1 ? " override." : " overrides."));
    }

    /** A form for {@code model}: its override's values when it has one, otherwise empty (catalogue prices apply). */
    public OverrideFormModel overrideForm(String model) {
        PriceOverride existing = model == null ? null
                : overrides.stream().filter(o -> model.equals(o.model())).findFirst().orElse(null);
        return new OverrideFormModel(model, existing);
    }

    public void saveOverride(OverrideFormModel form, Runnable close) {
        PriceOverride price = form.request();
        if (price == null) {
            return;
        }
        action.run((at, token) -> context.api().prices().saveOverride(at, token, price.model(), price),
                "Requests for " + price.model() + " are priced with the override from now on.", saved -> {
                    reloadAll();
                    close.run();
                }, form.errorProperty()::set);
    }

    public void removeOverride(String model) {
        action.run((at, token) -> context.api().prices().removeOverride(at, token, model),
                model + " is priced by the catalogue again.", done -> reloadAll());
    }

    /**
     * Uploads a LiteLLM-format catalogue file. The file is read and checked as JSON here first (so a broken file is
     * named by line and column); the server then checks every model and refuses the file naming each bad entry.
     */
    public void upload(Path file, boolean replace) {
        action.run((at, token) -> {
            JsonNode catalogue;
            try {
                catalogue = Json.mapper().readTree(Files.readAllBytes(file));
            } catch (JsonProcessingException e) {
                return new ApiResult.Failed<>(0, "the file " + file.getFileName() + " is not JSON (line " + e.getLocation().getLineNr()
                        + ", column " + e.getLocation().getColumnNr() + ")");
            } catch (IOException e) {
                return new ApiResult.Failed<>(0, "could not read " + file + ": " + e.getMessage());
            }
            if (catalogue == null || !catalogue.isObject()) {
                return new ApiResult.Failed<>(0, "the file " + file.getFileName() + " is not a LiteLLM catalogue (a JSON object of models)");
            }
            return context.api().prices().upload(at, token, catalogue, replace);
        }, replace ? "The uploaded catalogue replaces the bundled one." : "The uploaded catalogue extends the bundled one.",
                got -> {
                    show(got);
                    list.reload();
                });
    }

    private void reloadAll() {
        list.reload();
        loadInfo();
    }
}
