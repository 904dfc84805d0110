package dev.relaypool.desktop.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.relaypool.desktop.api.AdminResources;
import dev.relaypool.desktop.api.ApiResult;
import dev.relaypool.desktop.api.Json;
import dev.relaypool.desktop.api.ListQuery;
import dev.relaypool.desktop.api.ServerEvent;
import dev.relaypool.desktop.api.StreamStatus;
import dev.relaypool.desktop.api.Subscription;
import dev.relaypool.model.admin.AccountView;
import dev.relaypool.model.admin.DashboardBucket;
import dev.relaypool.model.admin.LiveAccountState;
import dev.relaypool.model.admin.LiveRequest;
import dev.relaypool.model.admin.LiveSnapshot;
import dev.relaypool.desktop.common.Async;
import dev.relaypool.desktop.common.Cancellable;
import dev.relaypool.desktop.common.Formatting;
import dev.relaypool.desktop.session.Session;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The live half of the dashboard: figures, the request feed and account health, kept current by the server's
 * event stream. Events are parsed on the stream's thread and applied on the UI thread.
 */
public final class LiveModel {
    static final int FEED_SIZE = 100;
    private static final ListQuery LOOKUP = new ListQuery("", Map.of(), "", false, 0, 500);

    private final Session session;
    private final AdminResources api;
    private final Async async;
    private final Clock clock;
    private final ObjectMapper mapper = Json.mapper();
    private final LiveCounters counters;
    private final FeedNames names;
    private final ObservableList<FeedRow> feed = FXCollections.observableArrayList();
    private final ObservableList<AccountHealth> accounts = FXCollections.observableArrayList();
    private final java.util.Map<Long, dev.relaypool.model.admin.AccountWindows> windows = new java.util.concurrent.ConcurrentHashMap<>();
    private final StringProperty status = new SimpleStringProperty("Off");
    private final StringProperty requestsPerMinute = new SimpleStringProperty("0");
    private final StringProperty tokensPerMinute = new SimpleStringProperty("0");
    private final StringProperty tokenBuckets = new SimpleStringProperty("");
    private final StringProperty costToday = new SimpleStringProperty("$0.00");
    private final StringProperty errors = new SimpleStringProperty("0");
    private final StringProperty concurrency = new SimpleStringProperty("0");
    private final StringProperty queueDepth = new SimpleStringProperty("0");
    private final javafx.beans.property.ObjectProperty<Instant> now = new javafx.beans.property.SimpleObjectProperty<>();
    private Subscription subscription;
    private Cancellable ticker = Cancellable.NONE;

    LiveModel(Session session, AdminResources api, Async async, Clock clock) {
        this.session = session;
        this.api = api;
        this.async = async;
        this.clock = clock;
        this.names = new FeedNames(session, api);
        this.counters = new LiveCounters(clock.getZone());
    }

    public ObservableList<FeedRow> feed() { return feed; }
    public ObservableList<AccountHealth> accounts() { return accounts; }
    public StringProperty statusProperty() { return status; }
    public StringProperty requestsPerMinuteProperty() { return requestsPerMinute; }
    public StringProperty tokensPerMinuteProperty() { return tokensPerMinute; }
    public StringProperty tokenBucketsProperty() { return tokenBuckets; }
    public StringProperty costTodayProperty() { return costToday; }
    public StringProperty errorsProperty() { return errors; }
    public StringProperty concurrencyProperty() { return concurrency; }
    public StringProperty queueDepthProperty() { return queueDepth; }
    /** The account's 5-hour window at the current tick, empty when it reported none. */
    java.util.Optional<dev.relaypool.desktop.common.RateWindow> fiveHour(long accountId) {
        var w = windows.get(accountId);
        return w == null ? java.util.Optional.empty()
                : dev.relaypool.desktop.common.RateWindow.of(w.fiveHour(), now.get() == null ? clock.instant() : now.get());
    }

    /** Moves every second while live, so countdowns can redraw. */
    public javafx.beans.property.ReadOnlyObjectProperty<Instant> nowProperty() { return now; }

    /** Opens the stream (once) and loads what the stream does not carry: accounts, names and today's totals. */
    void start() {
        if (subscription == null && session.serverProperty().get() != null) {
            subscription = api.live().subscribe(session.serverProperty().get(), session::accessTokenNow,
                    this::received, changed -> async.ui().execute(() -> showStatus(changed)));
            tick();
        }
        refresh();
    }

    void stop() {
        ticker.cancel();
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
        status.set("Off");
    }

    void refresh() {
        session.callServer((at, token) -> api.accounts().list(at, token, LOOKUP), result -> {
            if (result instanceof ApiResult.Ok<dev.relaypool.model.api.Page<AccountView>>(var page)) {
                Instant now = clock.instant();
                accounts.setAll(page.items().stream().map(a -> AccountHealth.of(a, now)).toList());
                showConcurrency();
            }
        });
        session.callServer((at, token) -> api.accounts().windows(at, token), result -> {
            if (result instanceof ApiResult.Ok<java.util.List<dev.relaypool.model.admin.AccountWindows>>(var all)) {
                windows.clear();
                all.forEach(w -> windows.put(w.accountId(), w));
            }
        });
        names.load();
        Instant now = clock.instant();
        Instant midnight = LocalDate.ofInstant(now, clock.getZone()).atStartOfDay(clock.getZone()).toInstant();
        Instant from = midnight.isBefore(now.minus(Duration.ofHours(1))) ? midnight : now.minus(Duration.ofHours(1));
        session.callServer((at, token) -> api.usage().series(at, token, "minute", from, now), result -> {
            if (result instanceof ApiResult.Ok<List<DashboardBucket>>(List<DashboardBucket> buckets)) {
                BigDecimal cost = buckets.stream().filter(b -> !b.start().isBefore(midnight))
                        .map(DashboardBucket::cost).reduce(BigDecimal.ZERO, BigDecimal::add);
                long recentErrors = buckets.stream().filter(b -> !b.start().isBefore(now.minus(Duration.ofHours(1))))
                        .mapToLong(DashboardBucket::errors).sum();
                counters.seed(now, cost, recentErrors);
                showFigures();
            }
        });
    }

    /** On the stream's thread: parse here, apply on the UI thread. */
    private void received(ServerEvent event) {
        Object parsed;
        try {
            parsed = switch (event.type()) {
                case "request" -> mapper.readValue(event.data(), LiveRequest.class);
                case "account" -> mapper.readValue(event.data(), LiveAccountState.class);
                case "snapshot" -> mapper.readValue(event.data(), LiveSnapshot.class);
                default -> null; // pings and event types newer than this app
            };
        } catch (IOException | IllegalArgumentException e) {
            return;
        }
        if (parsed != null) {
            async.ui().execute(() -> apply(parsed));
        }
    }

    void apply(Object event) {
        switch (event) {
            case LiveRequest request -> {
                counters.add(request);
                feed.addFirst(row(request));
                names.learn(request.userId(), request.keyId(), () -> feed.replaceAll(
                        shown -> shown.requestId().equals(request.requestId()) ? row(request) : shown));
                if (feed.size() > FEED_SIZE) {
                    feed.remove(FEED_SIZE, feed.size());
                }
                showFigures();
            }
            case LiveAccountState change -> accounts.replaceAll(a -> a.id() == change.accountId() ? a.with(change) : a);
            case LiveSnapshot snapshot -> {
                Map<Long, LiveSnapshot.AccountLoad> loads = new HashMap<>();
                snapshot.accounts().forEach(load -> loads.put(load.accountId(), load));
                accounts.replaceAll(a -> loads.containsKey(a.id())
                        ? a.withLoad(loads.get(a.id()).inUse(), loads.get(a.id()).limit()) : a);
                queueDepth.set(Integer.toString(snapshot.queueDepth()));
                showConcurrency();
            }
            default -> { }
        }
    }

    private FeedRow row(LiveRequest r) {
        long total = r.inputTokens() + r.outputTokens() + r.cacheWriteTokens() + r.cacheReadTokens();
        return new FeedRow(r.requestId(), r.at(), names.user(r.userId()), names.key(r.keyId()), r.model() == null ? "" : r.model(),
                Formatting.tokens(total), Formatting.money(r.cost()), r.latencyMs() + " ms", r.status());
    }

    private void tick() {
        Instant current = clock.instant();
        accounts.replaceAll(a -> a.at(current));
        now.set(current);
        showFigures();
        ticker = async.later(Duration.ofSeconds(1), this::tick);
    }

    private void showFigures() {
        LiveCounters.Figures f = counters.at(clock.instant());
        requestsPerMinute.set(Long.toString(f.requestsPerMinute()));
        long tokens = f.inputPerMinute() + f.outputPerMinute() + f.cacheWritePerMinute() + f.cacheReadPerMinute();
        tokensPerMinute.set(Formatting.tokens(tokens));
        tokenBuckets.set("in " + Formatting.tokens(f.inputPerMinute()) + " · out " + Formatting.tokens(f.outputPerMinute())
                + " · cache write " + Formatting.tokens(f.cacheWritePerMinute()) + " · cache read " + Formatting.tokens(f.cacheReadPerMinute()));
        costToday.set(Formatting.money(f.costToday()));
        errors.set(Long.toString(f.errorsLastHour()));
    }

    private void showConcurrency() {
        int inUse = accounts.stream().mapToInt(AccountHealth::inUse).sum();
        int limit = accounts.stream().filter(a -> a.state() != AccountHealth.State.DISABLED).mapToInt(AccountHealth::limit).sum();
        concurrency.set(inUse + " / " + limit);
    }

    private void showStatus(StreamStatus changed) {
        status.set(switch (changed) {
            case CONNECTING -> "Connecting…";
            case LIVE -> "Live";
            case RECONNECTING -> "Reconnecting…";
            case UNAUTHORIZED -> {
                session.tokenRejected(session.accessTokenNow());
                yield "Reconnecting…";
            }
            case CLOSED -> "Off";
        });
    }
}
