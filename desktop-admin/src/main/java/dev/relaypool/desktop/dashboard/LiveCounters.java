package dev.relaypool.desktop.dashboard;

import dev.relaypool.model.admin.LiveRequest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Rolling figures from the live request events: the last minute for rates, the last hour for errors, and cost
 * since local midnight on top of what the server reported for today before the stream started.
 */
final class LiveCounters {
    /** Beyond this many requests in the last hour the oldest are dropped; the rates stay right, errors undercount. */
    private static final int MAX_KEPT = 200_000;

    record Figures(long requestsPerMinute, long inputPerMinute, long outputPerMinute, long cacheWritePerMinute,
                   long cacheReadPerMinute, long errorsLastHour, BigDecimal costToday) {}

    private final ZoneId zone;
    private final Deque<LiveRequest> lastHour = new ArrayDeque<>();
    private BigDecimal costTodayBase = BigDecimal.ZERO;
    private BigDecimal costTodayLive = BigDecimal.ZERO;
    private long errorsBase;
    private Instant baseAt = Instant.EPOCH;
    private LocalDate today;

    LiveCounters(ZoneId zone) {
        this.zone = zone;
    }

    /** What the server counted up to {@code at}: cost since midnight and errors in the hour before. */
    void seed(Instant at, BigDecimal costToday, long errorsLastHour) {
        baseAt = at;
        costTodayBase = costToday;
        errorsBase = errorsLastHour;
        costTodayLive = BigDecimal.ZERO;
        today = LocalDate.ofInstant(at, zone);
        lastHour.removeIf(r -> !r.at().isAfter(at));
        lastHour.forEach(r -> costTodayLive = costTodayLive.add(r.cost()));
    }

    void add(LiveRequest request) {
        if (!request.at().isAfter(baseAt)) {
            return; // already in the seed (a replay after reconnecting)
        }
        LocalDate day = LocalDate.ofInstant(request.at(), zone);
        if (today != null && day.isAfter(today)) {
            today = day;
            costTodayBase = BigDecimal.ZERO;
            costTodayLive = BigDecimal.ZERO;
        }
        costTodayLive = costTodayLive.add(request.cost());
        lastHour.addLast(request);
        if (lastHour.size() > MAX_KEPT) {
            lastHour.removeFirst();
        }
    }

    Figures at(Instant now) {
        Instant hourAgo = now.minus(Duration.ofHours(1));
        while (!lastHour.isEmpty() && lastHour.peekFirst().at().isBefore(hourAgo)) {
            lastHour.removeFirst();
        }
        Instant minuteAgo = now.minus(Duration.ofMinutes(1));
        long requests = 0;
        long input = 0;
        long output = 0;
        long cacheWrite = 0;
        long cacheRead = 0;
        long errors = 0;
        for (LiveRequest r : lastHour) {
            if (r.status() >= 400) {
                errors++;
            }
            if (!r.at().isBefore(minuteAgo)) {
                requests++;
                input += r.inputTokens();
                output += r.outputTokens();
                cacheWrite += r.cacheWriteTokens();
                cacheRead += r.cacheReadTokens();
            }
        }
        long seededErrors = baseAt.isAfter(hourAgo) ? errorsBase : 0;
        return new Figures(requests, input, output, cacheWrite, cacheRead, errors + seededErrors,
                costTodayBase.add(costTodayLive));
    }
}
