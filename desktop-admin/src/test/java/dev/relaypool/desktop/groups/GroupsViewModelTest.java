package dev.relaypool.desktop.groups;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.desktop.testing.ScreenFixture;
import dev.relaypool.model.Platform;
import dev.relaypool.model.admin.AccountView;
import dev.relaypool.model.admin.GroupAccount;
import dev.relaypool.model.admin.GroupView;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class GroupsViewModelTest {
    private final ScreenFixture fx = new ScreenFixture();
    private final GroupsViewModel groups = new GroupsViewModel(fx.context);

    @Test
    void filtersAndSearchGoToTheServer() {
        groups.load();
        groups.list().filter("billingType").set("subscription");

        assertThat(fx.server.queries.getLast().parameters()).containsEntry("billingType", "subscription").containsEntry("page", "0");
        assertThat(groups.list().items()).extracting(GroupView::name).containsExactly("claude-pro-plan");
    }

    @Test
    void newGroupIsCheckedThenCreatedWithItsLimits() {
        groups.load();
        GroupFormModel form = groups.newForm();
        form.nameProperty().set("gemini-team");
        form.platformProperty().set(Platform.GEMINI);
        form.multiplierProperty().set("cheap");
        groups.save(form, () -> {});
        assertThat(form.errorProperty().get()).startsWith("The multiplier is a number");
        form.multiplierProperty().set("0.8");
        form.dailyLimitProperty().set("$12.50");
        form.rpmLimitProperty().set("0");
        groups.save(form, () -> {});
        assertThat(form.errorProperty().get()).startsWith("Requests per minute is a whole number above 0");
        form.rpmLimitProperty().set("30");
        boolean[] closed = {false};

        groups.save(form, () -> closed[0] = true);

        assertThat(closed[0]).isTrue();
        GroupView made = fx.server.groups.getLast();
        assertThat(made.name()).isEqualTo("gemini-team");
        assertThat(made.rateMultiplier()).isEqualByComparingTo("0.8");
        assertThat(made.dailyLimitUsd()).isEqualByComparingTo(new BigDecimal("12.50"));
        assertThat(made.weeklyLimitUsd()).isNull();
        assertThat(made.rpmLimit()).isEqualTo(30);
        assertThat(groups.action().noticeProperty().get()).isEqualTo("Group gemini-team was created.");
    }

    @Test
    void editingKeepsTheGroupAndChangesWhatWasTyped() {
        groups.load();
        GroupFormModel form = groups.editForm(groups.list().items().getFirst());
        assertThat(form.nameProperty().get()).isEqualTo("claude-team");
        form.activeProperty().set(false);

        groups.save(form, () -> {});

        assertThat(fx.server.groups.getFirst().status()).isEqualTo("disabled");
        assertThat(groups.list().items().getFirst().status()).isEqualTo("disabled");
    }

    @Test
    void selectedGroupShowsItsAccountsAndOffersOnlyOthersOfItsPlatform() {
        groups.load();
        groups.selectedProperty().set(groups.list().items().get(2)); // claude-pro-plan: key A only

        assertThat(groups.members()).extracting(GroupAccount::name).containsExactly("Anthropic key A");
        assertThat(groups.candidates()).extracting(AccountView::name).containsExactly("Anthropic key B");

        groups.candidateProperty().set(groups.candidates().getFirst());
        groups.priorityProperty().set("5");
        groups.addAccount();

        assertThat(groups.members()).extracting(GroupAccount::name, GroupAccount::priority)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Anthropic key B", 5), org.assertj.core.groups.Tuple.tuple("Anthropic key A", 50));
        assertThat(groups.candidates()).isEmpty();
        assertThat(groups.list().items().get(2).accountCount()).isEqualTo(2);

        groups.removeAccount(groups.members().getFirst());

        assertThat(groups.members()).extracting(GroupAccount::name).containsExactly("Anthropic key A");
        assertThat(groups.action().noticeProperty().get()).isEqualTo("Anthropic key B no longer serves claude-pro-plan.");
    }

    @Test
    void priorityMustBeAWholeNumber() {
        groups.load();
        groups.selectedProperty().set(groups.list().items().getFirst());
        groups.priorityProperty().set("first");

        groups.setPriority(groups.members().getFirst());

        assertThat(groups.action().errorProperty().get()).isEqualTo("Priority is a whole number from 0 to 1000 (lower is tried first).");
        assertThat(fx.server.groupAccounts.get(1L).getFirst().priority()).isEqualTo(10);
    }

    @Test
    void deletingAGroupThatKeysUseSaysWhyItWasRefused() {
        groups.load();

        groups.delete(groups.list().items().getFirst());

        assertThat(groups.action().errorProperty().get())
                .isEqualTo("The server refused the request (409): keys belong to this group; move or delete them first, or disable the group.");
        groups.delete(groups.list().items().get(2));
        assertThat(groups.list().items()).extracting(GroupView::name).containsExactly("claude-team", "openai");
    }
}
