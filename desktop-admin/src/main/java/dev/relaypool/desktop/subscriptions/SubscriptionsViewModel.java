package dev.relaypool.desktop.subscriptions;

import dev.relaypool.desktop.api.ApiResult;
import dev.relaypool.desktop.api.ListQuery;
import dev.relaypool.desktop.common.Action;
import dev.relaypool.desktop.common.Inputs;
import dev.relaypool.desktop.common.PagedList;
import dev.relaypool.desktop.common.ScreenContext;
import dev.relaypool.model.admin.AdminUser;
import dev.relaypool.model.admin.GroupView;
import dev.relaypool.model.admin.SubscriptionAssignRequest;
import dev.relaypool.model.admin.SubscriptionExtendRequest;
import dev.relaypool.model.admin.SubscriptionView;
import dev.relaypool.model.api.Page;
import dev.relaypool.model.member.SubscriptionProgress;
import java.util.Map;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Subscriptions screen: who has days of which subscription group, assigning and extending them, revoking one,
 * and the selected subscription's spend against the group's daily, weekly and monthly limits.
 */
public final class SubscriptionsViewModel {
    private static final ListQuery USERS = new ListQuery("", Map.of(), "email", false, 0, 500);
    private static final ListQuery GROUPS = new ListQuery("", Map.of("billingType", "subscription"), "name", false, 0, 500);

    private final ScreenContext context;
    private final PagedList<SubscriptionView> list;
    private final Action action;
    private final ObjectProperty<SubscriptionView> selected = new SimpleObjectProperty<>();
    private final ObjectProperty<SubscriptionProgress> progress = new SimpleObjectProperty<>();
    private final ObservableList<AdminUser> users = FXCollections.observableArrayList();
    private final ObservableList<GroupView> groups = FXCollections.observableArrayList();
    private final ObjectProperty<AdminUser> user = new SimpleObjectProperty<>();
    private final ObjectProperty<GroupView> group = new SimpleObjectProperty<>();
    private final StringProperty days = new SimpleStringProperty("30");
    private final StringProperty extendDays = new SimpleStringProperty("30");
    private final StringProperty formError = new SimpleStringProperty("");

    public SubscriptionsViewModel(ScreenContext context) {
        this.context = context;
        this.list = context.pagedList(context.api().subscriptions()::list);
        this.action = new Action(context);
        selected.subscribe(this::loadProgress);
    }

    public PagedList<SubscriptionView> list() { return list; }
    public Action action() { return action; }
    public ObjectProperty<SubscriptionView> selectedProperty() { return selected; }
    /** The selected subscription's windows; null while none is selected or it is loading. */
    public ObjectProperty<SubscriptionProgress> progressProperty() { return progress; }
    public ObservableList<AdminUser> users() { return users; }
    /** Groups billed by subscription. */
    public ObservableList<GroupView> groups() { return groups; }
    public ObjectProperty<AdminUser> userProperty() { return user; }
    public ObjectProperty<GroupView> groupProperty() { return group; }
    public StringProperty daysProperty() { return days; }
    /** Days to move the selected subscription's end by; negative shortens it. */
    public StringProperty extendDaysProperty() { return extendDays; }
    public StringProperty formErrorProperty() { return formError; }

    public void load() {
        list.reload();
        context.call((at, token) -> context.api().users().list(at, token, USERS), result -> {
            if (result instanceof ApiResult.Ok<Page<AdminUser>>(Page<AdminUser> page)) {
                users.setAll(page.items());
                list.reload(); // e-mails in the table
            }
        });
        context.call((at, token) -> context.api().directory().groups(at, token, GROUPS), result -> {
            if (result instanceof ApiResult.Ok<Page<GroupView>>(Page<GroupView> page)) {
                groups.setAll(page.items());
            }
        });
    }

    public String email(long userId) {
        return users.stream().filter(u -> u.id() == userId).map(AdminUser::email).findFirst().orElse("user " + userId);
    }

    public void startAssign() {
        user.set(null);
        group.set(groups.size() == 1 ? groups.getFirst() : null);
        days.set("30");
        formError.set("");
    }

    public void assign(Runnable close) {
        Inputs.Parsed<Long> count = Inputs.whole(days.get(), 1);
        String problem = user.get() == null ? "Choose the user."
                : group.get() == null ? "Choose the subscription group."
                : !count.valid() || count.empty() || count.value() > 3660 ? "Days is a whole number from 1 to 3660." : "";
        formError.set(problem);
        if (!problem.isEmpty()) {
            return;
        }
        SubscriptionAssignRequest request = new SubscriptionAssignRequest(user.get().id(), group.get().id(), count.value().intValue());
        String done = user.get().email() + " has " + count.value() + " more days of " + group.get().name() + ".";
        action.run((at, token) -> context.api().subscriptions().assign(at, token, request), done, saved -> {
            list.reload();
            close.run();
        }, formError::set);
    }

    public void extend(SubscriptionView subscription) {
        long by;
        try {
            by = Long.parseLong(extendDays.get().strip().replace("+", ""));
        } catch (NumberFormatException e) {
            by = 0;
        }
        if (by == 0 || Math.abs(by) > 3660) {
            action.fail("Extend by a whole number of days such as 30, or a negative number to shorten (at most 3660).");
            return;
        }
        SubscriptionExtendRequest request = new SubscriptionExtendRequest((int) by);
        action.run((at, token) -> context.api().subscriptions().extend(at, token, subscription.id(), request),
                email(subscription.userId()) + "'s " + subscription.groupName() + " now ends "
                        + dev.relaypool.desktop.common.Formatting.stamp(subscription.expiresAt().plus(java.time.Duration.ofDays(by)),
                        context.clock().getZone()) + ".", saved -> list.reload());
    }

    public void revoke(SubscriptionView subscription) {
        action.run((at, token) -> context.api().subscriptions().revoke(at, token, subscription.id()),
                email(subscription.userId()) + "'s " + subscription.groupName() + " is cancelled.", saved -> list.reload());
    }

    private void loadProgress(SubscriptionView subscription) {
        progress.set(null);
        if (subscription == null) {
            return;
        }
        context.call((at, token) -> context.api().subscriptions().progress(at, token, subscription.id()), result -> {
            if (result instanceof ApiResult.Ok<SubscriptionProgress>(SubscriptionProgress got)
                    && selected.get() != null && selected.get().id() == got.subscriptionId()) {
                progress.set(got);
            }
        });
    }
}
