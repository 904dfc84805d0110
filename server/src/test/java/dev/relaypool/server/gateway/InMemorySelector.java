package dev.relaypool.server.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** A scheduler stand-in: accounts in order, optional model mappings, leases counted, feedback recorded. */
final class InMemorySelector implements AccountSelector {
    record Feedback(long accountId, FailureClass failure, Optional<Duration> retryAfter) {}

    private volatile List<UpstreamAccount> accounts = List.of();
    private final Map<Long, Map<String, String>> mappings = new ConcurrentHashMap<>();
    private final AtomicInteger leasesHeld = new AtomicInteger();
    private final AtomicInteger leasesTaken = new AtomicInteger();
    final List<Feedback> failures = new CopyOnWriteArrayList<>();
    final List<Long> successes = new CopyOnWriteArrayList<>();
    final List<Optional<String>> sessionHints = new CopyOnWriteArrayList<>();

    void setAccounts(UpstreamAccount... accounts) {
        this.accounts = List.of(accounts);
    }

    void mapModel(long accountId, String requested, String upstream) {
        mappings.computeIfAbsent(accountId, id -> new ConcurrentHashMap<>()).put(requested, upstream);
    }

    int leasesHeld() {
        return leasesHeld.get();
    }

    int leasesTaken() {
        return leasesTaken.get();
    }

    void reset() {
        failures.clear();
        successes.clear();
        sessionHints.clear();
        mappings.clear();
        leasesTaken.set(0);
    }

    @Override
    public Selection select(KeyContext key, String requestedModel, Optional<String> sessionHint, Set<Long> tried) {
        sessionHints.add(sessionHint);
        for (UpstreamAccount account : accounts) {
            if (account.platform() == key.platform() && !tried.contains(account.id())) {
                leasesHeld.incrementAndGet();
                leasesTaken.incrementAndGet();
                AtomicBoolean released = new AtomicBoolean();
                String upstreamModel = mappings.getOrDefault(account.id(), Map.of()).getOrDefault(requestedModel, requestedModel);
                return new Selection.Chosen(account, upstreamModel, () -> {
                    if (!released.compareAndSet(false, true)) {
                        throw new AssertionError("lease released twice");
                    }
                    leasesHeld.decrementAndGet();
                });
            }
        }
        return new Selection.NoneAvailable(GatewayError.NO_ACCOUNT_AVAILABLE, Duration.ofSeconds(7));
    }

    @Override
    public void onSuccess(KeyContext key, Optional<String> session, UpstreamAccount account) {
        successes.add(account.id());
    }

    @Override
    public void onFailure(UpstreamAccount account, FailureClass failure, Optional<Duration> retryAfter) {
        failures.add(new Feedback(account.id(), failure, retryAfter));
    }
}
