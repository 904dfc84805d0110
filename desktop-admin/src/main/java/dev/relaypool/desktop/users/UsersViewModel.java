package dev.relaypool.desktop.users;

import dev.relaypool.desktop.common.Action;
import dev.relaypool.desktop.common.Formatting;
import dev.relaypool.desktop.common.PagedList;
import dev.relaypool.desktop.common.ScreenContext;
import dev.relaypool.model.admin.AdminUser;
import dev.relaypool.model.admin.BalanceAdjustRequest;
import dev.relaypool.model.admin.UserCreateRequest;
import dev.relaypool.model.admin.UserUpdateRequest;
import java.math.BigDecimal;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** The Users screen: members and admins, creating them, switching them on and off, and adjusting balances. */
public final class UsersViewModel {
    private final ScreenContext context;
    private final PagedList<AdminUser> list;
    private final Action action;
    private final ObjectProperty<AdminUser> selected = new SimpleObjectProperty<>();
    private final StringProperty email = new SimpleStringProperty("");
    private final StringProperty displayName = new SimpleStringProperty("");
    private final StringProperty password = new SimpleStringProperty("");
    private final StringProperty role = new SimpleStringProperty("member");
    private final StringProperty amount = new SimpleStringProperty("");
    private final StringProperty reason = new SimpleStringProperty("");
    private final StringProperty formError = new SimpleStringProperty("");

    public UsersViewModel(ScreenContext context) {
        this.context = context;
        this.list = context.pagedList(context.api().users()::list);
        this.action = new Action(context);
    }

    public PagedList<AdminUser> list() { return list; }
    public Action action() { return action; }
    public ObjectProperty<AdminUser> selectedProperty() { return selected; }
    public StringProperty emailProperty() { return email; }
    public StringProperty displayNameProperty() { return displayName; }
    public StringProperty passwordProperty() { return password; }
    public StringProperty roleProperty() { return role; }
    public StringProperty amountProperty() { return amount; }
    public StringProperty reasonProperty() { return reason; }
    public StringProperty formErrorProperty() { return formError; }

    public void load() {
        list.reload();
    }

    public void startCreate() {
        email.set("");
        displayName.set("");
        password.set("");
        role.set("member");
        formError.set("");
    }

    public void create(Runnable close) {
        String address = email.get().strip();
        String problem = !address.matches("[^@\\s]+@[^@\\s]+") ? "Enter an e-mail address such as ada@example.com."
                : password.get().length() < 8 ? "The password needs at least 8 characters." : "";
        formError.set(problem);
        if (!problem.isEmpty()) {
            return;
        }
        UserCreateRequest request = new UserCreateRequest(address, password.get(), displayName.get(), role.get(), null, null, null, null);
        action.run((at, token) -> context.api().users().create(at, token, request), address + " was added.", user -> {
            password.set("");
            list.reload();
            close.run();
        }, formError::set);
    }

    public void setActive(AdminUser user, boolean active) {
        UserUpdateRequest request = new UserUpdateRequest(null, null, active ? "active" : "disabled", null, null, null, null);
        action.run((at, token) -> context.api().users().update(at, token, user.id(), request),
                user.email() + (active ? " can sign in and use keys again." : " is disabled and signed out everywhere."),
                done -> list.reload());
    }

    public void startAdjust() {
        amount.set("");
        reason.set("");
        formError.set("");
    }

    /** Adds (positive) or takes (negative) USD from the selected user's balance, with a reason for the audit log. */
    public void adjust(Runnable close) {
        AdminUser user = selected.get();
        BigDecimal value;
        try {
            value = new BigDecimal(amount.get().strip().replace("$", ""));
        } catch (NumberFormatException e) {
            value = null;
        }
        String problem = user == null ? "Choose a user first."
                : value == null || value.signum() == 0 ? "Enter an amount in USD, such as 10 or -2.50."
                : value.scale() > 10 ? "Use at most 10 decimal places."
                : reason.get().isBlank() ? "Say why (it is kept in the audit log)." : "";
        formError.set(problem);
        if (!problem.isEmpty()) {
            return;
        }
        BalanceAdjustRequest request = new BalanceAdjustRequest(value, reason.get());
        String done = (value.signum() > 0 ? "Added " + Formatting.money(value) + " to " : "Took " + Formatting.money(value.negate()) + " from ")
                + user.email() + ".";
        action.run((at, token) -> context.api().users().adjustBalance(at, token, user.id(), request), done, ok -> {
            list.reload();
            close.run();
        }, formError::set);
    }
}
