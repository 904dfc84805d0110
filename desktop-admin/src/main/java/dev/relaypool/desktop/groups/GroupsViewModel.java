package dev.relaypool.desktop.groups;

import dev.relaypool.desktop.api.ApiResult;
import dev.relaypool.desktop.api.ListQuery;
import dev.relaypool.desktop.common.Action;
import dev.relaypool.desktop.common.Inputs;
import dev.relaypool.desktop.common.PagedList;
import dev.relaypool.desktop.common.ScreenContext;
import dev.relaypool.model.admin.AccountView;
import dev.relaypool.model.admin.GroupAccount;
import dev.relaypool.model.admin.GroupRequest;
import dev.relaypool.model.admin.GroupView;
import dev.relaypool.model.api.Page;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Groups screen: groups (searched, filtered, sorted and paged by the server), creating and editing them,
 * deleting one, and the accounts of the selected group with their priority there.
 */
public final class GroupsViewModel {
    private static final ListQuery ALL_ACCOUNTS = new ListQuery("", Map.of(), "name", false, 0, 500);

    private final ScreenContext context;
    private final PagedList<GroupView> list;
    private final Action action;
    private final ObjectProperty<GroupView> selected = new SimpleObjectProperty<>();
    private final ObservableList<GroupAccount> members = FXCollections.observableArrayList();
    private final ObservableList<AccountView> candidates = FXCollections.observableArrayList();
    private final ObjectProperty<AccountView> candidate = new SimpleObjectProperty<>();
    private final StringProperty priority = new SimpleStringProperty("50");
    private List<AccountView> allAccounts = List.of();

    public GroupsViewModel(ScreenContext context) {
        this.context = context;
        this.list = context.pagedList(context.api().directory()::groups);
        this.action = new Action(context);
        selected.subscribe(this::loadMembers);
    }

    public PagedList<GroupView> list() { return list; }
    public Action action() { return action; }
    public ObjectProperty<GroupView> selectedProperty() { return selected; }
    /** The selected group's accounts, by priority. */
    public ObservableList<GroupAccount> members() { return members; }
    /** Accounts of the selected group's platform that are not in it yet. */
    public ObservableList<AccountView> candidates() { return candidates; }
    public ObjectProperty<AccountView> candidateProperty() { return candidate; }
    /** Priority for adding an account or changing one (lower is tried first). */
    public StringProperty priorityProperty() { return priority; }

    public void load() {
        list.reload();
        context.call((at, token) -> context.api().accounts().list(at, token, ALL_ACCOUNTS), result -> {
            if (result instanceof ApiResult.Ok<Page<AccountView>>(Page<AccountView> page)) {
                allAccounts = page.items();
                refreshCandidates();
            }
        });
    }

    public GroupFormModel newForm() {
        return new GroupFormModel(null);
    }

    public GroupFormModel editForm(GroupView group) {
        return new GroupFormModel(group);
    }

    /** Creates or replaces the group; closes the dialog once the server accepted it. */
    public void save(GroupFormModel form, Runnable close) {
        GroupRequest request = form.request();
        if (request == null) {
            return;
        }
        GroupView editing = form.editing();
        action.run((at, token) -> editing == null ? context.api().directory().createGroup(at, token, request)
                        : context.api().directory().updateGroup(at, token, editing.id(), request),
                "Group " + request.name() + (editing == null ? " was created." : " was saved."), saved -> {
                    list.reload();
                    close.run();
                }, form.errorProperty()::set);
    }

    public void delete(GroupView group) {
        action.run((at, token) -> context.api().directory().deleteGroup(at, token, group.id()),
                "Group " + group.name() + " was deleted.", done -> list.reload());
    }

    public void addAccount() {
        GroupView group = selected.get();
        AccountView account = candidate.get();
        if (group == null || account == null) {
            action.fail("Choose a group and the account to add to it.");
            return;
        }
        link(group, account.id(), account.name() + " serves " + group.name() + " now.");
    }

    public void setPriority(GroupAccount member) {
        GroupView group = selected.get();
        if (group != null && member != null) {
            link(group, member.accountId(), member.name() + " has priority " + priority.get().strip() + " in " + group.name() + ".");
        }
    }

    private void link(GroupView group, long accountId, String done) {
        Inputs.Parsed<Long> value = Inputs.whole(priority.get(), 0);
        if (!value.valid() || value.empty() || value.value() > 1000) {
            action.fail("Priority is a whole number from 0 to 1000 (lower is tried first).");
            return;
        }
        int chosen = value.value().intValue();
        action.run((at, token) -> context.api().directory().linkAccount(at, token, group.id(), accountId, chosen), done,
                accounts -> {
                    showMembers(accounts);
                    list.reload(); // the account count
                });
    }

    public void removeAccount(GroupAccount member) {
        GroupView group = selected.get();
        if (group == null || member == null) {
            return;
        }
        action.run((at, token) -> context.api().directory().unlinkAccount(at, token, group.id(), member.accountId()),
                member.name() + " no longer serves " + group.name() + ".", done -> {
                    loadMembers(group);
                    list.reload();
                });
    }

    private void loadMembers(GroupView group) {
        if (group == null) {
            members.clear();
            refreshCandidates();
            return;
        }
        fetch(group, this::showMembers);
    }

    private void fetch(GroupView group, Consumer<List<GroupAccount>> then) {
        context.call((at, token) -> context.api().directory().groupAccounts(at, token, group.id()), result -> {
            if (result instanceof ApiResult.Ok<List<GroupAccount>>(List<GroupAccount> got)) {
                then.accept(got);
            } else {
                action.fail(context.explain(result));
            }
        });
    }

    private void showMembers(List<GroupAccount> accounts) {
        members.setAll(accounts);
        refreshCandidates();
    }

    private void refreshCandidates() {
        GroupView group = selected.get();
        candidates.setAll(group == null ? List.of() : allAccounts.stream()
                .filter(a -> a.platform() == group.platform())
                .filter(a -> members.stream().noneMatch(m -> m.accountId() == a.id()))
                .toList());
        candidate.set(null);
    }
}
