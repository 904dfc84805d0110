package dev.relaypool.server.coordination.local;

import dev.relaypool.server.coordination.Broadcasts;
import dev.relaypool.server.coordination.ClusterLocks;
import dev.relaypool.server.coordination.Cooldowns;
import dev.relaypool.server.coordination.Coordination;
import dev.relaypool.server.coordination.Leases;
import dev.relaypool.server.coordination.RateWindows;
import dev.relaypool.server.coordination.StickyBindings;
import java.time.Clock;
import java.util.Objects;

/** Coordination for a single node: everything in memory, time from the injected clock. */
public final class LocalCoordination implements Coordination {
    private final Leases leases;
    private final RateWindows rateWindows;
    private final StickyBindings stickyBindings;
    private final Cooldowns cooldowns;
    private final ClusterLocks locks;
    private final LocalBroadcasts broadcasts = new LocalBroadcasts();

    public LocalCoordination(Clock clock) {
        Objects.requireNonNull(clock, "clock");
        this.leases = new LocalLeases(clock);
        this.rateWindows = new LocalRateWindows(clock);
        this.stickyBindings = new LocalStickyBindings(clock);
        this.cooldowns = new LocalCooldowns(clock);
        this.locks = new LocalClusterLocks(clock);
    }

    @Override public Leases leases() { return leases; }

    @Override public RateWindows rateWindows() { return rateWindows; }

    @Override public StickyBindings stickyBindings() { return stickyBindings; }

    @Override public Cooldowns cooldowns() { return cooldowns; }

    @Override public ClusterLocks locks() { return locks; }

    @Override public Broadcasts broadcasts() { return broadcasts; }

    /** Memory always answers. */
    @Override
    public boolean ping() {
        return true;
    }

    @Override
    public void close() {
        broadcasts.close();
    }
}
