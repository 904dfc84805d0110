package dev.relaypool.server.metrics;

import dev.relaypool.server.gateway.AccountSelector;
import dev.relaypool.server.gateway.FailureClass;
import dev.relaypool.server.gateway.KeyContext;
import dev.relaypool.server.gateway.Selection;
import dev.relaypool.server.gateway.UpstreamAccount;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The scheduler, seen through: every failed upstream attempt is counted by account and class. The usage record
 * only tells how a request ended; failovers that a later account rescued are visible here alone. Forwards every
 * method, default ones included (MeteredSelectorTest fails when the interface grows one this class lacks).
 */
final class MeteredSelector implements AccountSelector {
    private final AccountSelector delegate;
    private final UpstreamErrorMeters errors;

    MeteredSelector(AccountSelector delegate, UpstreamErrorMeters errors) {
        this.delegate = delegate;
        this.errors = errors;
    }

    @Override
    public Selection select(KeyContext key, String requestedModel, Optional<String> session, Set<Long> triedAccounts) {
        return delegate.select(key, requestedModel, session, triedAccounts);
    }

    @Override
    public void onSuccess(KeyContext key, Optional<String> session, UpstreamAccount account) {
        delegate.onSuccess(key, session, account);
    }

    @Override
    public void onFailure(UpstreamAccount account, FailureClass failure, Optional<Duration> retryAfter) {
        errors.record(account, failure);
        delegate.onFailure(account, failure, retryAfter);
    }

    @Override
    public void onDelivered(UpstreamAccount account) {
        delegate.onDelivered(account);
    }

    @Override
    public void onUpstreamHeaders(UpstreamAccount account, Function<String, String> header) {
        delegate.onUpstreamHeaders(account, header);
    }
}
