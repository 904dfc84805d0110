package dev.relaypool.desktop.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.desktop.api.ApiResult;
import dev.relaypool.desktop.api.ListQuery;
import dev.relaypool.desktop.testing.ManualExecutors;
import dev.relaypool.desktop.testing.MutableClock;
import dev.relaypool.model.api.Page;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class PagedListTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
    private final ManualExecutors executors = new ManualExecutors(clock);
    private final List<ListQuery> asked = new ArrayList<>();
    private final List<Consumer<ApiResult<Page<String>>>> pending = new ArrayList<>();
    private final PagedList<String> list = new PagedList<>(executors.async(), (query, done) -> {
        asked.add(query);
        pending.add(done);
    }, result -> "failed", 2);

    private static ApiResult<Page<String>> page(int number, long total, String... rows) {
        return new ApiResult.Ok<>(new Page<>(List.of(rows), total, number, 2));
    }

    @Test
    void typingWaitsForAPauseThenSearchesFromTheFirstPage() {
        list.searchProperty().set("a");
        list.searchProperty().set("al");
        list.searchProperty().set("ala");
        assertThat(asked).isEmpty();

        executors.advance(Duration.ofMillis(300));

        assertThat(asked).singleElement().satisfies(q -> assertThat(q.parameters()).containsEntry("q", "ala").containsEntry("page", "0"));
    }

    @Test
    void anAnswerToAnOlderQuestionIsDropped() {
        list.reload();
        list.sortBy("email", true);
        pending.get(1).accept(page(0, 3, "new-1", "new-2"));
        pending.get(0).accept(page(0, 3, "old-1", "old-2"));

        assertThat(list.items()).containsExactly("new-1", "new-2");
        assertThat(asked.get(1).parameters()).containsEntry("sort", "email,desc");
        assertThat(list.positionProperty().get()).isEqualTo("1–2 of 3");
        assertThat(list.hasNext()).isTrue();
    }

    @Test
    void failureKeepsTheRowsAndShowsWhy() {
        list.reload();
        pending.getFirst().accept(page(0, 1, "kept"));
        list.reload();
        pending.getLast().accept(new ApiResult.Unreachable<>("down"));

        assertThat(list.items()).containsExactly("kept");
        assertThat(list.errorProperty().get()).isEqualTo("failed");
        assertThat(list.loadingProperty().get()).isFalse();
    }
}
