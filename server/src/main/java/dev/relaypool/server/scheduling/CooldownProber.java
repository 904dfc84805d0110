package dev.relaypool.server.scheduling;

import dev.relaypool.model.Platform;
import dev.relaypool.server.accounts.SchedulableAccounts;
import dev.relaypool.server.accounts.PooledAccount;
import dev.relaypool.server.coordination.Cooldown;
import dev.relaypool.server.coordination.Coordination;
import dev.relaypool.server.gateway.FailureClass;
import dev.relaypool.server.gateway.upstream.CancelSignal;
import dev.relaypool.server.gateway.upstream.OutboundRequest;
import dev.relaypool.server.gateway.upstream.UpstreamCaller;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings back accounts that rest for a long time after failures a person or the provider may have fixed meanwhile
 * (rejected credentials, server errors, connection failures): once per interval, on one node of the cluster (a
 * cluster lock), each such account gets a minimal request — the model list, which costs nothing — and an answer
 * ends its cooldown. Rate-limited accounts are left alone: a model list cannot tell whether a usage window
 * reopened, and the provider already said when it will.
 */
public final class CooldownProber implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CooldownProber.class);
    static final String LOCK = "scheduling.probe";
    private static final Set<String> PROBED_REASONS = Set.of(
            name(FailureClass.AUTH_REJECTED), name(FailureClass.SERVER_ERROR), name(FailureClass.EMPTY_ANSWER),
            name(FailureClass.CONNECT_FAILED), name(FailureClass.HEADER_TIMEOUT), name(FailureClass.OVERLOADED));

    private final SchedulableAccounts accounts;
    private final Coordination coordination;
    private final UpstreamCaller caller;
    private final PoolSelector selector;
    private final Duration interval;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("cooldown-prober").factory());

    /** {@code interval} zero: never probes on its own ({@link #probeOnce()} still works). */
    public CooldownProber(SchedulableAccounts accounts, Coordination coordination, UpstreamCaller caller, PoolSelector selector,
                          Duration interval, Clock clock) {
        this.accounts = accounts;
        this.coordination = coordination;
        this.caller = caller;
        this.selector = selector;
        this.interval = interval;
        this.clock = clock;
        if (interval.isPositive()) {
            timer.scheduleWithFixedDelay(this::probeQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private static String name(FailureClass failure) {
        return failure.name().toLowerCase(Locale.ROOT);
    }

    private void probeQuietly() {
        try {
            probeOnce();
        } catch (RuntimeException e) {
            log.warn("probing cooled accounts failed: {}", e.toString());
        }
    }

    /** One round, if no other node runs one now; returns the ids of the accounts it brought back. */
    public List<Long> probeOnce() {
        List<Long> recovered = new java.util.ArrayList<>();
        Duration lockTime = interval.isPositive() ? interval : Duration.ofMinutes(1);
        coordination.locks().runExclusively(LOCK, lockTime, () -> {
            Instant soon = clock.instant().plus(interval);
            for (Map.Entry<Long, Cooldown> entry : coordination.cooldowns().active().entrySet()) {
                Cooldown cooldown = entry.getValue();
                // short rests end by themselves before the next round could help
                if (PROBED_REASONS.contains(cooldown.reason()) && cooldown.until().isAfter(soon)) {
                    accounts.schedulableAccount(entry.getKey()).filter(this::answers).ifPresent(account -> {
                        coordination.cooldowns().clear(account.id());
                        recovered.add(account.id());
                        log.info("account {} answered a probe; its cooldown ({}) ended", account.id(), cooldown.reason());
                    });
                }
            }
        });
        return recovered;
    }

    private boolean answers(PooledAccount account) {
        String path = account.upstream().platform() == Platform.GEMINI ? "/v1beta/models" : "/v1/models";
        List<Map.Entry<String, String>> headers = account.upstream().platform() == Platform.ANTHROPIC
                ? List.of(Map.entry("anthropic-version", "2023-06-01")) : List.of();
        return switch (caller.call(account.upstream(), new OutboundRequest("GET", path, headers, null, false),
                new CancelSignal())) {
            case UpstreamCaller.Attempt.Answered(okhttp3.Response response, var watch) -> {
                try (response; watch) {
                    yield response.isSuccessful();
                }
            }
            case UpstreamCaller.Attempt.Failed(FailureClass failure, Optional<Duration> retryAfter, String detail) -> {
                selector.onFailure(account.upstream(), failure, retryAfter); // still failing: rest again, from now
                yield false;
            }
            case UpstreamCaller.Attempt.ClientGone() -> false;
        };
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
