package dev.relaypool.desktop.keys;

import dev.relaypool.desktop.api.ApiResult;
import dev.relaypool.desktop.api.ListQuery;
import dev.relaypool.desktop.common.Action;
import dev.relaypool.desktop.common.PagedList;
import dev.relaypool.desktop.common.ScreenContext;
import dev.relaypool.model.admin.AdminUser;
import dev.relaypool.model.admin.GroupView;
import dev.relaypool.model.api.Page;
import dev.relaypool.model.member.KeyCreateRequest;
import dev.relaypool.model.member.KeyCreated;
import dev.relaypool.model.member.KeyView;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Keys screen: every member's relay keys. Creating one answers the full key once; it is kept in
 * {@link #createdProperty()} only until the operator closes the dialog that shows it.
 */
public final class KeysViewModel {
    private static final ListQuery ALL = new ListQuery("", Map.of(), "", false, 0, 500);

    private final ScreenContext context;
    private final PagedList<KeyView> list;
    private final Action action;
    private final ObjectProperty<KeyView> selected = new SimpleObjectProperty<>();
    private final ObservableList<AdminUser> users = FXCollections.observableArrayList();
    private final ObservableList<GroupView> groups = FXCollections.observableArrayList();
    private final ObjectProperty<AdminUser> owner = new SimpleObjectProperty<>();
    private final ObjectProperty<GroupView> group = new SimpleObjectProperty<>();
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty quota = new SimpleStringProperty("");
    private final StringProperty expires = new SimpleStringProperty("");
    private final StringProperty formError = new SimpleStringProperty("");
    private final ObjectProperty<KeyCreated> created = new SimpleObjectProperty<>();
    private final ObjectProperty<GroupView> createdGroup = new SimpleObjectProperty<>();

    public KeysViewModel(ScreenContext context) {
        this.context = context;
        this.list = context.pagedList(context.api().keys()::list);
        this.action = new Action(context);
    }

    public PagedList<KeyView> list() { return list; }
    public Action action() { return action; }
    public ObjectProperty<KeyView> selectedProperty() { return selected; }
    public ObservableList<AdminUser> users() { return users; }
    public ObservableList<GroupView> groups() { return groups; }
    public ObjectProperty<AdminUser> ownerProperty() { return owner; }
    public ObjectProperty<GroupView> groupProperty() { return group; }
    public StringProperty nameProperty() { return name; }
    public StringProperty quotaProperty() { return quota; }
    public StringProperty expiresProperty() { return expires; }
    public StringProperty formErrorProperty() { return formError; }
    public ObjectProperty<KeyCreated> createdProperty() { return created; }

    public void load() {
        list.reload();
        context.call((at, token) -> context.api().users().list(at, token, ALL), result -> {
            if (result instanceof ApiResult.Ok<Page<AdminUser>>(Page<AdminUser> page)) {
                users.setAll(page.items());
            }
        });
        context.call((at, token) -> context.api().directory().groups(at, token, ALL), result -> {
            if (result instanceof ApiResult.Ok<Page<GroupView>>(Page<GroupView> page)) {
                groups.setAll(page.items());
            }
        });
    }

    /** Empties the create form (the dialog opens on a clean one). */
    public void startCreate() {
        owner.set(users.size() == 1 ? users.getFirst() : null);
        group.set(groups.size() == 1 ? groups.getFirst() : null);
        name.set("");
        quota.set("");
        expires.set("");
        formError.set("");
    }

    public void create(Runnable close) {
        String problem = owner.get() == null ? "Choose the member the key is for."
                : group.get() == null ? "Choose the group the key draws from."
                : name.get().isBlank() ? "Give the key a name the member recognises."
                : quotaValue() == null ? "Quota must be an amount in USD such as 25 or 12.50, or empty for none."
                : expiresValue() == null ? "Expiry must be a date such as 2026-12-31, or empty for never." : "";
        formError.set(problem);
        if (!problem.isEmpty()) {
            return;
        }
        BigDecimal limit = quota.get().isBlank() ? null : quotaValue();
        Instant until = expires.get().isBlank() ? null : expiresValue();
        KeyCreateRequest request = new KeyCreateRequest(name.get(), group.get().id(), until, limit);
        long userId = owner.get().id();
        GroupView chosen = group.get();
        action.run((at, token) -> context.api().keys().create(at, token, userId, request), "", key -> {
            createdGroup.set(chosen);
            created.set(key);
            list.reload();
            close.run();
        }, formError::set);
    }

    /** The client settings for the key just created. */
    public List<ClientSettings.Snippet> createdSettings() {
        KeyCreated key = created.get();
        URI server = context.session().serverProperty().get();
        return key == null || server == null ? List.of()
                : ClientSettings.forKey(server, createdGroup.get().platform(), key.key());
    }

    /** Forgets the full key once its dialog is closed; it cannot be shown again. */
    public void forgetCreated() {
        created.set(null);
    }

    public void setEnabled(KeyView key, boolean enabled) {
        action.run((at, token) -> context.api().keys().setEnabled(at, token, key, enabled),
                "Key " + key.name() + (enabled ? " is enabled." : " is disabled."), done -> list.reload());
    }

    public void revoke(KeyView key) {
        action.run((at, token) -> context.api().keys().revoke(at, token, key),
                "Key " + key.name() + " is revoked; clients using it are refused from now on.", done -> list.reload());
    }

    private BigDecimal quotaValue() {
        if (quota.get().isBlank()) {
            return BigDecimal.ZERO;
        }
        try {
            BigDecimal value = new BigDecimal(quota.get().strip().replace("$", ""));
            return value.signum() < 0 ? null : value;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private Instant expiresValue() {
        if (expires.get().isBlank()) {
            return Instant.EPOCH;
        }
        try {
            LocalDate day = LocalDate.parse(expires.get().strip());
            // valid through the whole day the operator typed, in their zone
            return day.plusDays(1).atStartOfDay(context.clock().getZone()).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
