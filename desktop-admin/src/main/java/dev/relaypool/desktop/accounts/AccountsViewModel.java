package dev.relaypool.desktop.accounts;

import dev.relaypool.desktop.api.ApiResult;
import dev.relaypool.desktop.api.ListQuery;
import dev.relaypool.desktop.common.Action;
import dev.relaypool.desktop.common.PagedList;
import dev.relaypool.desktop.common.ScreenContext;
import dev.relaypool.model.admin.AccountExport;
import dev.relaypool.model.admin.AccountTestEvent;
import dev.relaypool.model.admin.AccountView;
import dev.relaypool.model.admin.GroupView;
import dev.relaypool.model.api.Page;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The Accounts screen: the pool's upstream accounts, their state, and what an operator does to them. */
public final class AccountsViewModel {
    private final ScreenContext context;
    private final PagedList<AccountView> list;
    private final Action action;
    private final ObjectProperty<AccountView> selected = new SimpleObjectProperty<>();
    private final ObservableList<GroupView> groups = FXCollections.observableArrayList();
    private final Map<Long, String> groupNames = new HashMap<>();
    private final StringProperty testLog = new SimpleStringProperty("");
    private final BooleanProperty testing = new SimpleBooleanProperty(false);

    public AccountsViewModel(ScreenContext context) {
        this.context = context;
        this.list = context.pagedList(context.api().accounts()::list);
        this.action = new Action(context);
    }

    public PagedList<AccountView> list() { return list; }
    public Action action() { return action; }
    public ObjectProperty<AccountView> selectedProperty() { return selected; }
    public ObservableList<GroupView> groups() { return groups; }
    public StringProperty testLogProperty() { return testLog; }
    public BooleanProperty testingProperty() { return testing; }

    public void load() {
        list.reload();
        context.call((at, token) -> context.api().directory().groups(at, token, new ListQuery("", Map.of(), "name", false, 0, 500)), result -> {
            if (result instanceof ApiResult.Ok<Page<GroupView>>(Page<GroupView> page)) {
                groups.setAll(page.items());
                groupNames.clear();
                page.items().forEach(g -> groupNames.put(g.id(), g.name()));
                list.reload(); // group names in the table
            }
        });
    }

    public String groupNames(AccountView account) {
        return String.join(", ", account.groups().stream()
                .map(m -> groupNames.getOrDefault(m.groupId(), "#" + m.groupId())).toList());
    }

    public AccountFormModel newForm() {
        return new AccountFormModel(context, action, groups, null, saved -> list.reload());
    }

    public AccountFormModel editForm(AccountView account) {
        return new AccountFormModel(context, action, groups, account, saved -> list.reload());
    }

    public void setEnabled(AccountView account, boolean enabled) {
        action.run((at, token) -> context.api().accounts().setEnabled(at, token, account.id(), enabled),
                account.name() + (enabled ? " is enabled." : " is disabled."), done -> list.reload());
    }

    public void clearCooldown(AccountView account) {
        action.run((at, token) -> context.api().accounts().clearCooldown(at, token, account.id()),
                account.name() + " may be scheduled again.", done -> list.reload());
    }

    /** Streams the test's stages into {@link #testLogProperty()} as they arrive. */
    public void test(AccountView account) {
        testing.set(true);
        testLog.set("Testing " + account.name() + "…\n");
        Consumer<AccountTestEvent> progress = stage -> context.async().ui().execute(() -> testLog.set(testLog.get() + line(stage)));
        context.call((at, token) -> context.api().accounts().test(at, token, account.id(), progress), result -> {
            testing.set(false);
            switch (result) {
                case ApiResult.Ok<AccountTestEvent>(AccountTestEvent last) -> testLog.set(testLog.get()
                        + (AccountTestEvent.SUCCEEDED.equals(last.stage()) ? "The account works.\n" : "The test failed.\n"));
                default -> testLog.set(testLog.get() + context.explain(result) + "\n");
            }
            list.reload();
        });
    }

    static String line(AccountTestEvent stage) {
        StringBuilder text = new StringBuilder(switch (stage.stage()) {
            case AccountTestEvent.STARTED -> "Started";
            case AccountTestEvent.CONNECTED -> "Connected";
            case AccountTestEvent.OUTPUT -> "Output";
            case AccountTestEvent.SUCCEEDED -> "Succeeded";
            case AccountTestEvent.FAILED -> "Failed";
            default -> stage.stage();
        });
        if (stage.status() != null) {
            text.append(" (HTTP ").append(stage.status()).append(')');
        }
        if (!stage.message().isBlank()) {
            text.append(": ").append(stage.message());
        }
        if (stage.elapsedMs() != null) {
            text.append(" — ").append(stage.elapsedMs()).append(" ms");
        }
        return text.append('\n').toString();
    }

    /** Fetches the export (without secrets) and hands it to {@code save} (the View writes the file). */
    public void export(Consumer<AccountExport> save) {
        action.run((at, token) -> context.api().accounts().export(at, token), "", exported -> {
            save.accept(exported);
            action.noticeProperty().set("Exported " + exported.accounts().size() + " accounts (without their keys).");
        });
    }

    public void importAccounts(AccountExport accounts) {
        action.run((at, token) -> context.api().accounts().importAccounts(at, token, accounts), "", result -> {
            String skipped = result.skipped() == 0 ? "" : ", skipped " + result.skipped() + ": " + String.join("; ", result.messages());
            action.noticeProperty().set("Imported " + result.created() + " accounts" + skipped + ".");
            list.reload();
        });
    }
}
