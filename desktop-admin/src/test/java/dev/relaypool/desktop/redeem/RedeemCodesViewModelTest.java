package dev.relaypool.desktop.redeem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.desktop.testing.ScreenFixture;
import dev.relaypool.model.admin.RedeemCodeView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedeemCodesViewModelTest {
    private final ScreenFixture fx = new ScreenFixture();
    private final RedeemCodesViewModel codes = new RedeemCodesViewModel(fx.context);

    @Test
    void statusAndTypeFiltersGoToTheServer() {
        codes.load();
        codes.list().filter("status").set("unused");
        codes.list().filter("type").set("subscription");

        assertThat(fx.server.queries.getLast().parameters()).containsEntry("status", "unused").containsEntry("type", "subscription");
        assertThat(codes.list().items()).extracting(RedeemCodeView::code).containsExactly("RP-H6ZJ-2YBT-9KMS");
        assertThat(codes.describe(codes.list().items().getFirst())).isEqualTo("30 days of claude-pro-plan");
    }

    @Test
    void subscriptionBatchNeedsAGroupAndDaysThenIsShown() {
        codes.load();
        codes.startGenerate();
        codes.typeProperty().set("subscription");
        assertThat(codes.groupProperty().get().name()).isEqualTo("claude-pro-plan"); // the only subscription group
        codes.groupProperty().set(null);
        codes.generate(() -> {});
        assertThat(codes.formErrorProperty().get()).isEqualTo("Choose the subscription group the codes grant.");
        codes.groupProperty().set(codes.groups().getFirst());
        codes.daysProperty().set("30");
        codes.countProperty().set("1001");
        codes.generate(() -> {});
        assertThat(codes.formErrorProperty().get()).isEqualTo("Generate from 1 to 1000 codes at a time.");
        codes.countProperty().set("3");
        codes.expiresProperty().set("2026-03-31");

        codes.generate(() -> {});

        assertThat(codes.generatedProperty().get().codes()).hasSize(3).allSatisfy(c -> {
            assertThat(c.type()).isEqualTo("subscription");
            assertThat(c.groupId()).isEqualTo(3L);
            assertThat(c.validityDays()).isEqualTo(30);
            assertThat(c.expiresAt()).isEqualTo(Instant.parse("2026-04-01T00:00:00Z"));
        });
        assertThat(codes.action().noticeProperty().get()).isEqualTo("3 codes were generated.");
    }

    @Test
    void balanceCodesNeedAnAmount() {
        codes.load();
        codes.startGenerate();
        codes.valueProperty().set("-5");

        codes.generate(() -> {});

        assertThat(codes.formErrorProperty().get()).isEqualTo("Enter the USD each code adds, such as 10 or 2.50.");
        assertThat(codes.generatedProperty().get()).isNull();
    }

    @Test
    void batchIsSavedAsTheServersCsvWithoutLeavingAPartFile(@TempDir Path dir) throws Exception {
        codes.load();
        codes.startGenerate();
        codes.valueProperty().set("10");
        codes.countProperty().set("2");
        codes.generate(() -> {});
        String batch = codes.generatedProperty().get().batchId();
        Path file = dir.resolve("codes.csv");

        codes.saveCsv(batch, file);

        assertThat(Files.readAllLines(file)).hasSize(3).first().asString().startsWith("code,type,value");
        assertThat(Files.readString(file)).contains(codes.generatedProperty().get().codes().getFirst().code());
        assertThat(dir.resolve("codes.csv.part")).doesNotExist();
        assertThat(codes.saveStatusProperty().get()).isEqualTo("Saved the codes to " + file + ".");
    }

    @Test
    void failedSaveLeavesNoFileAndSaysWhy(@TempDir Path dir) {
        codes.load();
        fx.server.down = true;
        Path file = dir.resolve("codes.csv");

        codes.saveCsv("b-2026-01", file);

        assertThat(file).doesNotExist();
        assertThat(dir.resolve("codes.csv.part")).doesNotExist();
        assertThat(codes.saveStatusProperty().get()).startsWith("Not saved. Cannot reach the server");
    }

    @Test
    void onlyUnusedCodesCanBeDisabled() {
        codes.load();

        codes.disable(codes.list().items().get(1));
        codes.disable(codes.list().items().getFirst());

        assertThat(fx.server.redeemCodes.get(1).status()).isEqualTo("disabled");
        assertThat(codes.action().errorProperty().get()).isEqualTo("The server refused the request (409): only an unused code can be disabled.");
    }
}
