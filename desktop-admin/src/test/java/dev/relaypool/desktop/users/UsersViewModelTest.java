package dev.relaypool.desktop.users;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.desktop.testing.ScreenFixture;
import dev.relaypool.model.admin.AdminUser;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class UsersViewModelTest {
    private final ScreenFixture fx = new ScreenFixture();
    private final UsersViewModel users = new UsersViewModel(fx.context);

    @Test
    void balanceAdjustmentNeedsAnAmountAndAReasonThenMovesTheBalance() {
        users.load();
        users.selectedProperty().set(users.list().items().get(1));
        users.startAdjust();
        users.amountProperty().set("ten");
        users.adjust(() -> {});
        assertThat(users.formErrorProperty().get()).isEqualTo("Enter an amount in USD, such as 10 or -2.50.");
        users.amountProperty().set("-2.0042");
        users.adjust(() -> {});
        assertThat(users.formErrorProperty().get()).isEqualTo("Say why (it is kept in the audit log).");
        users.reasonProperty().set("refund of a test");

        users.adjust(() -> {});

        assertThat(fx.server.adjustments).singleElement().satisfies(a -> {
            assertThat(a.amount()).isEqualByComparingTo("-2.0042");
            assertThat(a.reason()).isEqualTo("refund of a test");
        });
        assertThat(users.action().noticeProperty().get()).isEqualTo("Took $2.00 from alan@example.com.");
        assertThat(users.list().items().get(1).balance()).isEqualByComparingTo(new BigDecimal("10"));
    }

    @Test
    void newUserIsCheckedThenCreated() {
        users.load();
        users.startCreate();
        users.emailProperty().set("not an address");
        users.create(() -> {});
        assertThat(users.formErrorProperty().get()).startsWith("Enter an e-mail address");
        users.emailProperty().set("linus@example.com");
        users.passwordProperty().set("correct horse");

        users.create(() -> {});

        assertThat(users.list().items()).extracting(AdminUser::email).contains("linus@example.com");
        assertThat(users.passwordProperty().get()).isEmpty();
    }

    @Test
    void disablingAUserSaysWhatItMeans() {
        users.load();
        users.setActive(users.list().items().get(2), false);
        assertThat(users.list().items().get(2).status()).isEqualTo("disabled");
        assertThat(users.action().noticeProperty().get()).isEqualTo("ada@example.com is disabled and signed out everywhere.");
    }
}
