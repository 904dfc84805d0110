package dev.relaypool.server.scheduling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The Anthropic unified rate-limit windows of one account as its last answer reported them
 * ({@code anthropic-ratelimit-unified-5h-*} and {@code -7d-*}: status, reset, utilisation). Subscription accounts
 * send them with every answer; the scheduler prefers, among otherwise equal accounts, the one whose window reopens
 * soonest, so that capacity about to be renewed is used first.
 */
public record RateLimitWindows(Optional<Window> fiveHour, Optional<Window> sevenDay, Instant observedAt) {
    private static final ObjectMapper JSON = dev.relaypool.server.api.Json.mapper();

    /** {@code status}: allowed, allowed_warning or rejected; {@code utilization} 0..1 (not money, so a double). */
    public record Window(String status, Optional<Instant> resetsAt, Optional<Double> utilization) {
        public Window {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(resetsAt, "resetsAt");
            Objects.requireNonNull(utilization, "utilization");
        }
    }

    public RateLimitWindows {
        Objects.requireNonNull(fiveHour, "fiveHour");
        Objects.requireNonNull(sevenDay, "sevenDay");
        Objects.requireNonNull(observedAt, "observedAt");
    }

    /** The windows in an answer's headers, or empty when it carried none (API-key accounts, other providers). */
    public static Optional<RateLimitWindows> fromHeaders(Function<String, String> header, Instant now) {
        Optional<Window> fiveHour = window(header, "5h");
        Optional<Window> sevenDay = window(header, "7d");
        if (fiveHour.isEmpty() && sevenDay.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RateLimitWindows(fiveHour, sevenDay, now));
    }

    private static Optional<Window> window(Function<String, String> header, String name) {
        String status = header.apply("anthropic-ratelimit-unified-" + name + "-status");
        if (status == null || status.isBlank()) {
            return Optional.empty();
        }
        Optional<Instant> reset = parse(header.apply("anthropic-ratelimit-unified-" + name + "-reset"),
                v -> Instant.ofEpochSecond(Long.parseLong(v)));
        Optional<Double> utilization = parse(header.apply("anthropic-ratelimit-unified-" + name + "-utilization"),
                Double::parseDouble);
        return Optional.of(new Window(status.trim().toLowerCase(Locale.ROOT), reset, utilization));
    }

    private static <T> Optional<T> parse(String value, Function<String, T> parser) {
        try {
            return value == null || value.isBlank() ? Optional.empty() : Optional.of(parser.apply(value.trim()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** When the soonest window that is still to reset after {@code now} reopens; empty when none is known. */
    public Optional<Instant> nextReset(Instant now) {
        return Stream.of(fiveHour, sevenDay).flatMap(Optional::stream).map(Window::resetsAt).flatMap(Optional::stream)
                .filter(reset -> reset.isAfter(now)).min(Instant::compareTo);
    }

    /** Whether the two differ in anything but utilisation noise (worth telling the other nodes). */
    boolean differsFrom(RateLimitWindows other) {
        return other == null || !toJson().equals(other.withObservedAt(observedAt).toJson());
    }

    private RateLimitWindows withObservedAt(Instant at) {
        return new RateLimitWindows(fiveHour, sevenDay, at);
    }

    /** The {@code upstream_accounts.rate_limit_state} form. */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        fiveHour.ifPresent(w -> write(root.putObject("five_hour"), w));
        sevenDay.ifPresent(w -> write(root.putObject("seven_day"), w));
        root.put("observed_at", observedAt.getEpochSecond());
        return root.toString();
    }

    private static void write(ObjectNode node, Window window) {
        node.put("status", window.status());
        window.resetsAt().ifPresent(r -> node.put("resets_at", r.getEpochSecond()));
        // two decimals are all anyone reads, and keep equal states equal
        window.utilization().ifPresent(u -> node.put("utilization", Math.round(u * 100) / 100.0));
    }

    /** Reads {@link #toJson()}'s form; empty for anything else (e.g. the column's default {@code {}}). */
    public static Optional<RateLimitWindows> fromJson(String json) {
        try {
            JsonNode root = JSON.readTree(json);
            if (root == null || !root.has("observed_at")) {
                return Optional.empty();
            }
            return Optional.of(new RateLimitWindows(read(root.get("five_hour")), read(root.get("seven_day")),
                    Instant.ofEpochSecond(root.get("observed_at").asLong())));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static Optional<Window> read(JsonNode node) {
        if (node == null || !node.hasNonNull("status")) {
            return Optional.empty();
        }
        return Optional.of(new Window(node.get("status").asText(),
                node.hasNonNull("resets_at") ? Optional.of(Instant.ofEpochSecond(node.get("resets_at").asLong())) : Optional.empty(),
                node.hasNonNull("utilization") ? Optional.of(node.get("utilization").asDouble()) : Optional.empty()));
    }
}
