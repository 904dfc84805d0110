package dev.relaypool.server.coordination.local;

import dev.relaypool.server.coordination.Arguments;
import dev.relaypool.server.coordination.StickyBindings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/** Sticky bindings in memory with expiry by the injected clock. */
final class LocalStickyBindings implements StickyBindings {
    private static final long SWEEP_EVERY = 4096;

    private record Binding(String value, Instant expiry) {}

    private final Clock clock;
    private final ConcurrentMap<String, Binding> bindings = new ConcurrentHashMap<>();
    private final AtomicLong writes = new AtomicLong();

    LocalStickyBindings(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Optional<String> get(String key) {
        Binding binding = bindings.get(Arguments.key(key));
        return binding != null && live(binding) ? Optional.of(binding.value()) : Optional.empty();
    }

    @Override
    public void put(String key, String value, Duration ttl) {
        Objects.requireNonNull(value, "value");
        bindings.put(Arguments.key(key), new Binding(value, clock.instant().plus(Arguments.positive(ttl, "ttl"))));
        if (writes.incrementAndGet() % SWEEP_EVERY == 0) {
            for (String k : bindings.keySet()) {
                bindings.computeIfPresent(k, (x, binding) -> live(binding) ? binding : null);
            }
        }
    }

    @Override
    public boolean touch(String key, Duration ttl) {
        Arguments.positive(ttl, "ttl");
        Binding touched = bindings.computeIfPresent(Arguments.key(key),
                (k, binding) -> live(binding) ? new Binding(binding.value(), clock.instant().plus(ttl)) : null);
        return touched != null;
    }

    @Override
    public void remove(String key) {
        bindings.remove(Arguments.key(key));
    }

    @Override
    public boolean removeIfValue(String key, String value) {
        boolean[] removed = new boolean[1];
        bindings.computeIfPresent(Arguments.key(key), (k, binding) -> {
            if (!live(binding)) {
                return null;
            }
            removed[0] = binding.value().equals(value);
            return removed[0] ? null : binding;
        });
        return removed[0];
    }

    private boolean live(Binding binding) {
        return binding.expiry().isAfter(clock.instant());
    }
}
