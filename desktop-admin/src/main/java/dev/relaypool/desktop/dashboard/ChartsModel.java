package dev.relaypool.desktop.dashboard;

import dev.relaypool.desktop.api.ApiResult;
import dev.relaypool.desktop.api.UsageApi;
import dev.relaypool.model.admin.DashboardBucket;
import dev.relaypool.desktop.common.Messages;
import dev.relaypool.desktop.session.Session;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The dashboard charts: the last hour by minute, the last day by hour, or the last month by day. */
public final class ChartsModel {
    public enum Range {
        HOUR("Last hour", "minute", Duration.ofHours(1)),
        DAY("Last day", "hour", Duration.ofDays(1)),
        MONTH("Last month", "day", Duration.ofDays(30));

        private final String label;
        private final String bucket;
        private final Duration span;

        Range(String label, String bucket, Duration span) {
            this.label = label;
            this.bucket = bucket;
            this.span = span;
        }

        public String label() { return label; }
        String bucket() { return bucket; }

        @Override
        public String toString() { return label; }
    }

    private final Session session;
    private final UsageApi usage;
    private final Clock clock;
    private final ObjectProperty<Range> range = new SimpleObjectProperty<>(Range.HOUR);
    private final ObservableList<DashboardBucket> buckets = FXCollections.observableArrayList();
    private final StringProperty error = new SimpleStringProperty("");
    private long asked;

    ChartsModel(Session session, UsageApi usage, Clock clock) {
        this.session = session;
        this.usage = usage;
        this.clock = clock;
        range.addListener((obs, old, now) -> load());
    }

    public ObjectProperty<Range> rangeProperty() { return range; }
    public ObservableList<DashboardBucket> buckets() { return buckets; }
    public StringProperty errorProperty() { return error; }

    void load() {
        Range chosen = range.get();
        Instant to = clock.instant();
        Instant from = to.minus(chosen.span);
        long ticket = ++asked;
        session.callServer((at, token) -> usage.series(at, token, chosen.bucket(), from, to), result -> {
            if (ticket != asked) {
                return;
            }
            if (result instanceof ApiResult.Ok<List<DashboardBucket>>(List<DashboardBucket> got)) {
                error.set("");
                buckets.setAll(got);
            } else {
                error.set("Charts: " + Messages.of(result, session.serverProperty().get()));
            }
        });
    }
}
