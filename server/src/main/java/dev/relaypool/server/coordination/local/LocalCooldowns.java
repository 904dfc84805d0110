package dev.relaypool.server.coordination.local;

import dev.relaypool.server.coordination.Cooldown;
import dev.relaypool.server.coordination.Cooldowns;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;

/** Cooldowns in memory; expired entries are dropped as they are seen. */
final class LocalCooldowns implements Cooldowns {
    private final Clock clock;
    private final ConcurrentMap<Long, Cooldown> cooldowns = new ConcurrentHashMap<>();

    LocalCooldowns(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Cooldown coolDown(long accountId, Instant until, String reason) {
        Cooldown wanted = new Cooldown(accountId, Objects.requireNonNull(until, "until"), reason);
        return cooldowns.merge(accountId, wanted,
                (existing, next) -> existing.until().isBefore(next.until()) ? next : existing);
    }

    @Override
    public Optional<Cooldown> get(long accountId) {
        Cooldown cooldown = cooldowns.get(accountId);
        if (cooldown != null && !active(cooldown)) {
            cooldowns.remove(accountId, cooldown);
            return Optional.empty();
        }
        return Optional.ofNullable(cooldown);
    }

    @Override
    public Map<Long, Cooldown> active() {
        cooldowns.values().removeIf(cooldown -> !active(cooldown));
        return cooldowns.values().stream().filter(this::active)
                .collect(Collectors.toUnmodifiableMap(Cooldown::accountId, cooldown -> cooldown));
    }

    @Override
    public void clear(long accountId) {
        cooldowns.remove(accountId);
    }

    private boolean active(Cooldown cooldown) {
        return cooldown.until().isAfter(clock.instant());
    }
}
