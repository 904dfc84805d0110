package dev.relaypool.desktop.accounts;

import dev.relaypool.desktop.api.ApiResult;
import dev.relaypool.desktop.api.ListQuery;
import dev.relaypool.desktop.common.Action;
import dev.relaypool.desktop.common.Cancellable;
import dev.relaypool.desktop.common.Formatting;
import dev.relaypool.desktop.common.RateWindow;
import dev.relaypool.desktop.oauth.OAuthSignIn;
import dev.relaypool.desktop.common.PagedList;
import dev.relaypool.desktop.common.ScreenContext;
import dev.relaypool.model.admin.AccountExport;
import dev.relaypool.model.admin.AccountTestEvent;
import dev.relaypool.model.admin.AccountView;
import dev.relaypool.model.admin.AccountWindows;
import dev.relaypool.model.admin.GroupView;
import dev.relaypool.model.api.Page;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
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
import javafx.collections.ObservableMap;

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
    private final ObservableMap<Long, AccountWindows> windows = FXCollections.observableHashMap();
    private final ObjectProperty<Instant> now = new SimpleObjectProperty<>();
    private Cancellable ticker = Cancellable.NONE;

    public AccountsViewModel(ScreenContext context) {
        this.context = context;
        this.list = context.pagedList(context.api().accounts()::list);
        this.action = new Action(context);
        this.now.set(context.clock().instant());
    }

    public PagedList<AccountView> list() { return list; }
    public Action action() { return action; }
    public ObjectProperty<AccountView> selectedProperty() { return selected; }
    public ObservableList<GroupView> groups() { return groups; }
    public StringProperty testLogProperty() { return testLog; }
    public BooleanProperty testingProperty() { return testing; }
    /** The accounts' last reported rate-limit windows by account id. */
    public ObservableMap<Long, AccountWindows> windows() { return windows; }
    /** Moves every second while the screen shows, so cooldown countdowns and window resets redraw. */
    public ObjectProperty<Instant> nowProperty() { return now; }

    public void load() {
        list.reload();
        loadWindows();
        context.call((at, token) -> context.api().directory().groups(at, token, new ListQuery("", Map.of(), "name", false, 0, 500)), result -> {
            if (result instanceof ApiResult.Ok<Page<GroupView>>(Page<GroupView> page)) {
                groups.setAll(page.items());
                groupNames.clear();
                page.items().forEach(g -> groupNames.put(g.id(), g.name()));
                list.reload(); // group names in the table
            }
        });
    }

    private void loadWindows() {
        context.call((at, token) -> context.api().accounts().windows(at, token), result -> {
            if (result instanceof ApiResult.Ok<List<AccountWindows>>(List<AccountWindows> all)) {
                windows.clear();
                all.forEach(w -> windows.put(w.accountId(), w));
            }
        });
    }

    /** Starts the one-second clock (the View calls this when it is shown, {@link #stopTicking()} when hidden). */
    public void startTicking() {
        ticker.cancel();
        now.set(context.clock().instant());
        ticker = context.async().later(Duration.ofSeconds(1), this::startTicking);
    }

    public void stopTicking() {
        ticker.cancel();
        ticker = Cancellable.NONE;
    }

    /** The account's 5-hour window as a bar shows it, empty when it reported none. */
    public Optional<RateWindow> fiveHour(AccountView account) {
        AccountWindows w = windows.get(account.id());
        return w == null ? Optional.empty() : RateWindow.of(w.fiveHour(), now.get());
    }

    /** "active", "cooling down", "error", "disabled": a cooldown that ran out reads as active at once. */
    public String stateOf(AccountView a) {
        if (!"active".equals(a.status())) {
            return a.status();
        }
        return a.cooldownUntil() != null && a.cooldownUntil().isAfter(now.get()) ? "cooling down" : "active";
    }

    /** "4:05 left (rate limited)" while cooling down, counting down with {@link #nowProperty()}; else empty. */
    public String cooldown(AccountView a) {
        if (a.cooldownUntil() == null || !a.cooldownUntil().isAfter(now.get())) {
            return "";
        }
        String left = Formatting.countdown(Duration.between(now.get(), a.cooldownUntil())) + " left";
        return a.cooldownReason() == null || a.cooldownReason().isBlank() ? left : left + " (" + a.cooldownReason() + ")";
    }

    /** A sign-in of a new OAuth account; a created account is added to the table. */
    public OAuthSignIn oauthSignIn() {
        return new OAuthSignIn(context, created -> {
            action.noticeProperty().set(created.name() + " is connected.");
            list.reload();
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
