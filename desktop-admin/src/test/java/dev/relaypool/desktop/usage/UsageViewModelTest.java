package dev.relaypool.desktop.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.desktop.testing.ScreenFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsageViewModelTest {
    private final ScreenFixture fx = new ScreenFixture();
    private final UsageViewModel usage = new UsageViewModel(fx.context);

    @Test
    void pagesThroughRecordsAndFiltersByDate() {
        usage.load();
        assertThat(usage.list().positionProperty().get()).isEqualTo("1–50 of 60");
        usage.list().next();
        assertThat(usage.list().positionProperty().get()).isEqualTo("51–60 of 60");
        assertThat(usage.models()).hasSize(3);

        usage.fromProperty().set("2025-12-31");
        assertThat(fx.server.queries.getLast().parameters())
                .containsEntry("from", "2025-12-31T00:00:00Z").containsEntry("page", "0");
        usage.toProperty().set("31/12");
        assertThat(usage.errorProperty().get()).isEqualTo("Dates look like 2026-01-31.");
    }

    @Test
    void exportWritesTheCsvAndSaysWhere(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("usage.csv");
        usage.load();

        usage.export(file);

        assertThat(Files.readAllLines(file)).hasSize(60).first().asString().startsWith("req-0,");
        assertThat(usage.exportStatusProperty().get()).startsWith("Saved ").endsWith(" to " + file + ".");
        assertThat(usage.exportingProperty().get()).isFalse();
        assertThat(dir.resolve("usage.csv.part")).doesNotExist();
    }

    @Test
    void cancelledExportLeavesNoFile(@TempDir Path dir) {
        Path file = dir.resolve("usage.csv");
        usage.cancelExport(); // nothing running: no effect
        fx.server.usage.subList(1, 60).clear();
        // cancel as soon as the first line is written: the next line sees it
        usage.exportStatusProperty().addListener((obs, old, now) -> {
            if (now.startsWith("Exporting")) {
                usage.cancelExport();
            }
        });
        fx.server.usage.add(fx.server.usage.getFirst());

        usage.export(file);

        assertThat(usage.exportStatusProperty().get()).isEqualTo("Export cancelled.");
        assertThat(file).doesNotExist();
        assertThat(dir.resolve("usage.csv.part")).doesNotExist();
    }

    @Test
    void breaksCostDownPerModelAndPerMember() {
        usage.load();

        assertThat(usage.models()).extracting(m -> m.model()).contains("claude-opus-4", "claude-sonnet-4", "gpt-5");
        assertThat(usage.users()).extracting(u -> u.email()).containsExactly("alan@example.com", "ada@example.com");
        assertThat(usage.users().getFirst().cost()).isEqualByComparingTo("24.90");
    }
}
