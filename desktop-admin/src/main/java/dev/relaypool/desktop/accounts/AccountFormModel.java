package dev.relaypool.desktop.accounts;

import dev.relaypool.desktop.common.Action;
import dev.relaypool.desktop.common.ScreenContext;
import dev.relaypool.model.Platform;
import dev.relaypool.model.admin.AccountCreateRequest;
import dev.relaypool.model.admin.AccountUpdateRequest;
import dev.relaypool.model.admin.AccountView;
import dev.relaypool.model.admin.GroupMembership;
import dev.relaypool.model.admin.GroupView;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The add/edit dialog of an API-key account. Checks the fields before asking the server; when editing, an empty
 * key field keeps the stored key (keys are write-only and never shown).
 */
public final class AccountFormModel {
    private final ScreenContext context;
    private final Action action;
    private final AccountView editing;
    private final Consumer<AccountView> onSaved;
    private final ObservableList<GroupView> groups;
    private final StringProperty name = new SimpleStringProperty("");
    private final ObjectProperty<Platform> platform = new SimpleObjectProperty<>(Platform.ANTHROPIC);
    private final StringProperty baseUrl = new SimpleStringProperty("");
    private final StringProperty apiKey = new SimpleStringProperty("");
    private final StringProperty priority = new SimpleStringProperty("50");
    private final StringProperty concurrency = new SimpleStringProperty("3");
    private final StringProperty notes = new SimpleStringProperty("");
    private final ObservableList<GroupView> chosenGroups = FXCollections.observableArrayList();
    private final StringProperty error = new SimpleStringProperty("");

    AccountFormModel(ScreenContext context, Action action, ObservableList<GroupView> groups, AccountView editing,
                     Consumer<AccountView> onSaved) {
        this.context = context;
        this.action = action;
        this.groups = groups;
        this.editing = editing;
        this.onSaved = onSaved;
        if (editing != null) {
            name.set(editing.name());
            platform.set(editing.platform());
            baseUrl.set(editing.baseUrl() == null ? "" : editing.baseUrl());
            priority.set(Integer.toString(editing.priority()));
            concurrency.set(Integer.toString(editing.concurrencyLimit()));
            notes.set(editing.notes());
            chosenGroups.setAll(groups.stream().filter(g -> editing.groups().stream().anyMatch(m -> m.groupId() == g.id())).toList());
        }
    }

    public boolean editing() { return editing != null; }
    public ObservableList<GroupView> groups() { return groups; }
    public ObservableList<GroupView> chosenGroups() { return chosenGroups; }
    public StringProperty nameProperty() { return name; }
    public ObjectProperty<Platform> platformProperty() { return platform; }
    public StringProperty baseUrlProperty() { return baseUrl; }
    public StringProperty apiKeyProperty() { return apiKey; }
    public StringProperty priorityProperty() { return priority; }
    public StringProperty concurrencyProperty() { return concurrency; }
    public StringProperty notesProperty() { return notes; }
    public StringProperty errorProperty() { return error; }

    /** The first problem with the fields in words, or "" when they can be sent. */
    public String validate() {
        if (name.get().isBlank()) {
            return "Give the account a name.";
        }
        if (editing == null && apiKey.get().isBlank()) {
            return "Paste the account's API key.";
        }
        if (!apiKey.get().isBlank() && apiKey.get().strip().contains(" ")) {
            return "The API key must not contain spaces.";
        }
        String url = baseUrl.get().strip();
        if (!url.isEmpty()) {
            try {
                URI parsed = new URI(url);
                String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
                if (!(scheme.equals("https") || scheme.equals("http")) || parsed.getHost() == null) {
                    return "The base URL must look like https://api.example.com (or stay empty for the official endpoint).";
                }
            } catch (java.net.URISyntaxException e) {
                return "The base URL is not a valid address.";
            }
        }
        if (parse(priority.get()) == null) {
            return "Priority must be a whole number (lower is tried first).";
        }
        Integer slots = parse(concurrency.get());
        if (slots == null || slots < 1 || slots > 10_000) {
            return "Concurrency must be a whole number from 1 to 10000.";
        }
        return "";
    }

    /** Validates, then creates or updates; {@code onDone} runs after the server accepted it. */
    public void save(Runnable onDone) {
        String problem = validate();
        error.set(problem);
        if (!problem.isEmpty()) {
            return;
        }
        String label = name.get().strip();
        if (editing == null) {
            List<GroupMembership> memberships = chosenGroups.stream().map(g -> new GroupMembership(g.id(), null)).toList();
            AccountCreateRequest request = new AccountCreateRequest(label, platform.get(), baseUrl.get(), apiKey.get().strip(),
                    null, parse(concurrency.get()), parse(priority.get()), null, notes.get(), memberships);
            action.run((at, token) -> context.api().accounts().create(at, token, request), label + " was added.", saved -> {
                onSaved.accept(saved);
                onDone.run();
            }, error::set);
        } else {
            AccountUpdateRequest request = new AccountUpdateRequest(label, baseUrl.get().strip(), apiKey.get(), null,
                    parse(concurrency.get()), parse(priority.get()), null, null, notes.get());
            action.run((at, token) -> context.api().accounts().update(at, token, editing.id(), request), label + " was saved.", saved -> {
                onSaved.accept(saved);
                onDone.run();
            }, error::set);
        }
    }

    private static Integer parse(String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
