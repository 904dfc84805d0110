package dev.relaypool.desktop.accounts;

import atlantafx.base.theme.Styles;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.relaypool.desktop.api.Json;
import dev.relaypool.desktop.common.Badges;
import dev.relaypool.desktop.common.Formatting;
import dev.relaypool.desktop.common.Forms;
import dev.relaypool.desktop.common.Icons;
import dev.relaypool.desktop.common.PagedTable;
import dev.relaypool.desktop.oauth.OAuthDialog;
import dev.relaypool.model.admin.AccountExport;
import dev.relaypool.model.admin.AccountView;
import java.io.File;
import java.io.IOException;
import java.time.ZoneId;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.feather.Feather;

/** The accounts table with its actions, and the streamed result of a test below it. */
public final class AccountsView extends VBox {
    private final AccountsViewModel viewModel;
    private final ObjectMapper mapper = Json.mapper();

    public AccountsView(AccountsViewModel viewModel) {
        super(10);
        this.viewModel = viewModel;
        getStyleClass().add("screen");
        ZoneId zone = ZoneId.systemDefault();
        PagedTable<AccountView> table = new PagedTable<>("accounts", viewModel.list(), "Search name or notes");
        ChoiceBox<String> status = new ChoiceBox<>();
        status.getItems().setAll("", "active", "disabled", "error");
        status.setConverter(Forms.labelled("All states"));
        status.valueProperty().bindBidirectional(viewModel.list().filter("status"));
        ChoiceBox<String> platform = new ChoiceBox<>();
        platform.getItems().setAll("", "anthropic", "openai", "gemini");
        platform.setConverter(Forms.labelled("All platforms"));
        platform.valueProperty().bindBidirectional(viewModel.list().filter("platform"));

        Button add = Forms.button("_Add account", Feather.PLUS, "addAccount", Styles.ACCENT);
        add.setOnAction(e -> AccountDialog.open(getScene().getWindow(), viewModel.newForm()));
        Button oauth = Forms.button("Add _OAuth account", Feather.LOG_IN, "addOauthAccount", null);
        oauth.setTooltip(new Tooltip("Sign a subscription account in on the provider's page, inside the app"));
        oauth.setOnAction(e -> OAuthDialog.open(getScene().getWindow(), viewModel.oauthSignIn()));
        Button exportButton = Forms.button("Export", Feather.DOWNLOAD, "exportAccounts", null);
        exportButton.setOnAction(e -> exportAccounts());
        Button importButton = Forms.button("Import", Feather.UPLOAD, "importAccounts", null);
        importButton.setOnAction(e -> importAccounts());
        table.tools(status, platform, add, oauth, exportButton, importButton);

        table.column("Name", AccountView::name, "name")
                .column("Platform", a -> a.platform().wireName(), null)
                .graphicColumn("Status", a -> Badges.status(viewModel.stateOf(a)), "status")
                .column("Groups", viewModel::groupNames, null)
                .column("Priority", a -> Integer.toString(a.priority()), "priority")
                .graphicColumn("In use", AccountsView::load, null)
                .graphicColumn("5h window", this::fiveHour, null)
                .column("Cooldown", viewModel::cooldown, null)
                .column("Last used", a -> Formatting.stamp(a.lastUsedAt(), zone), "lastUsedAt");
        viewModel.selectedProperty().bind(table.table().getSelectionModel().selectedItemProperty());
        viewModel.nowProperty().subscribe(table.table()::refresh);
        viewModel.windows().subscribe(table.table()::refresh);
        sceneProperty().subscribe(scene -> {
            if (scene == null) {
                viewModel.stopTicking();
            } else {
                viewModel.startTicking();
            }
        });
        table.table().setRowFactory(view -> {
            javafx.scene.control.TableRow<AccountView> row = new javafx.scene.control.TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    AccountDialog.open(getScene().getWindow(), viewModel.editForm(row.getItem()));
                }
            });
            return row;
        });

        Button edit = Forms.button("_Edit", Feather.EDIT_2, "editAccount", null);
        edit.setOnAction(e -> AccountDialog.open(getScene().getWindow(), viewModel.editForm(selected())));
        Button enable = Forms.button("Enable", Feather.PLAY, "enableAccount", null);
        enable.setOnAction(e -> viewModel.setEnabled(selected(), true));
        Button disable = Forms.button("Disable", Feather.PAUSE, "disableAccount", null);
        disable.setOnAction(e -> viewModel.setEnabled(selected(), false));
        Button clear = Forms.button("Clear cooldown", Feather.WIND, "clearCooldown", null);
        clear.setOnAction(e -> viewModel.clearCooldown(selected()));
        Button test = Forms.button("_Test", Feather.ZAP, "testAccount", null);
        test.setOnAction(e -> viewModel.test(selected()));
        var none = Bindings.or(viewModel.selectedProperty().isNull(), viewModel.action().busyProperty());
        for (Button b : new Button[] {edit, enable, disable, clear}) {
            b.disableProperty().bind(none);
        }
        test.disableProperty().bind(none.or(viewModel.testingProperty()));
        Label notice = Forms.noticeLabel(viewModel.action().noticeProperty());
        HBox actions = new HBox(8, edit, enable, disable, clear, test, notice);

        TextArea log = new TextArea();
        log.setId("testLog");
        log.setEditable(false);
        log.setPrefRowCount(5);
        log.textProperty().bind(viewModel.testLogProperty());
        Forms.showWhen(log, viewModel.testLogProperty().isNotEmpty());

        getChildren().addAll(table, actions, Forms.errorLabel(viewModel.action().errorProperty()), log);
    }

    private AccountView selected() {
        return viewModel.selectedProperty().get();
    }

    private HBox fiveHour(AccountView a) {
        return viewModel.fiveHour(a).map(w -> {
            ProgressBar bar = new ProgressBar(w.used());
            if (w.warning()) {
                bar.getStyleClass().add(Styles.WARNING);
            }
            bar.setPrefWidth(44);
            Label words = new Label(w.compact());
            words.getStyleClass().add(Styles.TEXT_SMALL);
            HBox cell = new HBox(6, bar, words);
            Tooltip.install(cell, new Tooltip(w.label()));
            return cell;
        }).orElseGet(HBox::new);
    }

    private static HBox load(AccountView a) {
        ProgressBar bar = new ProgressBar(a.concurrencyLimit() == 0 ? 0 : (double) a.concurrencyInUse() / a.concurrencyLimit());
        bar.setPrefWidth(60);
        return new HBox(6, bar, new Label(a.concurrencyInUse() + "/" + a.concurrencyLimit()));
    }

    private void exportAccounts() {
        FileChooser chooser = new FileChooser();
        chooser.setInitialFileName("relaypool-accounts.json");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("JSON", "*.json"));
        File file = chooser.showSaveDialog(getScene().getWindow());
        if (file != null) {
            viewModel.export(exported -> {
                try {
                    mapper.writerWithDefaultPrettyPrinter().writeValue(file, exported);
                } catch (IOException e) {
                    viewModel.action().fail("Could not write " + file + ": " + e.getMessage());
                }
            });
        }
    }

    private void importAccounts() {
        FileChooser chooser = new FileChooser();
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("JSON", "*.json"));
        File file = chooser.showOpenDialog(getScene().getWindow());
        if (file != null) {
            try {
                viewModel.importAccounts(mapper.readValue(file, AccountExport.class));
            } catch (IOException | IllegalArgumentException e) {
                viewModel.action().fail("That file is not a Relaypool account export: " + e.getMessage());
            }
        }
    }
}
