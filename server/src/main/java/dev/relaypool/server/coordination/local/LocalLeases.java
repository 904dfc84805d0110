package dev.relaypool.server.coordination.local;

import dev.relaypool.server.coordination.Arguments;
import dev.relaypool.server.coordination.Lease;
import dev.relaypool.server.coordination.LeaseGroup;
import dev.relaypool.server.coordination.LeaseResult;
import dev.relaypool.server.coordination.Leases;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Leases in memory. One lock guards all keys: every operation is a few map updates, far cheaper than the request
 * it guards. Expiry follows the injected clock; waiting follows real time (a wait is a real delay for a caller).
 */
final class LocalLeases implements Leases {
    /** Waiters re-check at least this often, so a dead holder's expiry frees them without a release signal. */
    private static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Slots> slotsByKey = new HashMap<>();
    private final AtomicLong ids = new AtomicLong();

    LocalLeases(Clock clock) {
        this.clock = clock;
    }

    /**
     * Held leases (id → expiry) and waiters of one key; guarded by {@link #lock}. Expired leases are purged only once
     * the clock passes {@link #earliest}, a lower bound of every held expiry, so a check is O(1) however many leases
     * the key holds (a walk of them all about once per lease time to live, as renewals move expiries on).
     */
    private final class Slots {
        final Map<Long, Instant> expiries = new HashMap<>();
        final Condition freed = lock.newCondition();
        int waiters;
        /** No held lease expires before this; null when none is held. */
        Instant earliest;

        boolean hasRoom(int limit) {
            purgeExpired();
            return limit <= 0 || expiries.size() < limit;
        }

        void purgeExpired() {
            if (earliest == null) {
                return;
            }
            Instant now = clock.instant();
            if (now.isBefore(earliest)) {
                return;
            }
            Instant next = null;
            for (Iterator<Instant> it = expiries.values().iterator(); it.hasNext(); ) {
                Instant expiry = it.next();
                if (!expiry.isAfter(now)) {
                    it.remove();
                } else if (next == null || expiry.isBefore(next)) {
                    next = expiry;
                }
            }
            earliest = next;
        }

        void hold(long id, Instant expiry) {
            expiries.put(id, expiry);
            if (earliest == null || expiry.isBefore(earliest)) {
                earliest = expiry;
            }
        }
    }

    @Override
    public Optional<Lease> tryAcquire(String key, int limit, Duration ttl) {
        Arguments.key(key);
        Arguments.positive(ttl, "ttl");
        lock.lock();
        try {
            Slots slots = slotsByKey.computeIfAbsent(key, k -> new Slots());
            Optional<Lease> lease = slots.hasRoom(limit) ? Optional.of(grant(key, slots, ttl)) : Optional.empty();
            forgetIfIdle(key, slots);
            return lease;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<Lease> tryAcquireAll(List<Slot> slots, Duration ttl) {
        Arguments.positive(ttl, "ttl");
        slots.forEach(slot -> Arguments.key(slot.key()));
        lock.lock();
        try {
            List<Slots> found = new ArrayList<>(slots.size());
            boolean room = true;
            for (Slot slot : slots) {
                Slots held = slotsByKey.computeIfAbsent(slot.key(), k -> new Slots());
                found.add(held);
                room = room && held.hasRoom(slot.limit());
            }
            List<Lease> granted = new ArrayList<>(slots.size());
            for (int i = 0; i < slots.size(); i++) {
                if (room) {
                    granted.add(grant(slots.get(i).key(), found.get(i), ttl));
                } else {
                    forgetIfIdle(slots.get(i).key(), found.get(i));
                }
            }
            return room ? Optional.of(new LeaseGroup(granted)) : Optional.empty();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public LeaseResult acquire(String key, int limit, Duration ttl, Duration maxWait, int maxWaiters) {
        Arguments.key(key);
        Arguments.positive(ttl, "ttl");
        Arguments.notNegative(maxWait, "maxWait");
        long deadline = System.nanoTime() + maxWait.toNanos();
        lock.lock();
        try {
            Slots slots = slotsByKey.computeIfAbsent(key, k -> new Slots());
            if (slots.hasRoom(limit)) {
                return new LeaseResult.Acquired(grant(key, slots, ttl));
            }
            if (slots.waiters >= maxWaiters) {
                forgetIfIdle(key, slots);
                return new LeaseResult.QueueFull();
            }
            slots.waiters++;
            try {
                for (long remaining = deadline - System.nanoTime(); remaining > 0; remaining = deadline - System.nanoTime()) {
                    slots.freed.awaitNanos(Math.min(remaining, RECHECK_NANOS));
                    if (slots.hasRoom(limit)) {
                        return new LeaseResult.Acquired(grant(key, slots, ttl));
                    }
                }
                return new LeaseResult.TimedOut();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new LeaseResult.TimedOut();
            } finally {
                slots.waiters--;
                forgetIfIdle(key, slots);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int inUse(String key) {
        lock.lock();
        try {
            Slots slots = slotsByKey.get(key);
            if (slots == null) {
                return 0;
            }
            slots.purgeExpired();
            return slots.expiries.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int waiting(String key) {
        lock.lock();
        try {
            Slots slots = slotsByKey.get(key);
            return slots == null ? 0 : slots.waiters;
        } finally {
            lock.unlock();
        }
    }

    private Lease grant(String key, Slots slots, Duration ttl) {
        long id = ids.incrementAndGet();
        slots.hold(id, clock.instant().plus(ttl));
        return new LocalLease(key, id);
    }

    private void forgetIfIdle(String key, Slots slots) {
        if (slots.expiries.isEmpty() && slots.waiters == 0) {
            slotsByKey.remove(key, slots);
        }
    }

    private final class LocalLease implements Lease {
        private final String key;
        private final long id;

        LocalLease(String key, long id) {
            this.key = key;
            this.id = id;
        }

        @Override
        public String key() {
            return key;
        }

        @Override
        public boolean renew(Duration ttl) {
            Arguments.positive(ttl, "ttl");
            lock.lock();
            try {
                Slots slots = slotsByKey.get(key);
                if (slots == null) {
                    return false;
                }
                Instant now = clock.instant();
                Instant expiry = slots.expiries.get(id);
                if (expiry == null || !expiry.isAfter(now)) {
                    slots.expiries.remove(id);
                    return false;
                }
                slots.hold(id, now.plus(ttl));
                return true;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void close() {
            lock.lock();
            try {
                Slots slots = slotsByKey.get(key);
                if (slots != null && slots.expiries.remove(id) != null) {
                    slots.freed.signalAll();
                    forgetIfIdle(key, slots);
                }
            } finally {
                lock.unlock();
            }
        }

        @Override
        public String toString() {
            return "Lease[" + key + "#" + id + "]";
        }
    }
}
