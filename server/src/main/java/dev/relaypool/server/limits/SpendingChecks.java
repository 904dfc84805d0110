package dev.relaypool.server.limits;

import dev.relaypool.server.billing.SubscriptionWindow;
import dev.relaypool.server.billing.SubscriptionWindow.Period;
import dev.relaypool.server.keys.ActiveKey;
import dev.relaypool.server.limits.AdmissionResult.Reason;
import dev.relaypool.server.limits.AdmissionResult.Refused;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The money side of admission, evaluated against a {@link SpendingState}: billing eligibility (a positive balance,
 * or an active subscription with room in each of its windows), the key's total quota and its rolling USD limits.
 * Pure: the same state and instant always give the same answer.
 */
final class SpendingChecks {
    private SpendingChecks() {}

    static Optional<Refused> check(ActiveKey key, SpendingState state, Instant now) {
        Optional<Refused> eligibility = "subscription".equals(key.billingType())
                ? subscription(key, state, now) : balance(state);
        if (eligibility.isPresent()) {
            return eligibility;
        }
        if (key.quotaUsd() != null && state.keyUsedUsd().compareTo(key.quotaUsd()) >= 0) {
            return refuse(Reason.KEY_QUOTA, "This API key's total quota of " + Wording.usd(key.quotaUsd())
                    + " is used up (" + Wording.usd(state.keyUsedUsd()) + " spent); it does not reset. "
                    + "Ask an administrator to raise it, or use another key.", null);
        }
        for (SpendingState.Rolling window : state.keyWindows()) {
            if (window.reached()) {
                Instant frees = window.freesAt() != null && window.freesAt().isAfter(now) ? window.freesAt()
                        : now.plusSeconds(1);
                return refuse(Reason.KEY_SPENDING_LIMIT, "This API key's " + window.label() + " spending limit of "
                        + Wording.usd(window.limit()) + " is reached (" + Wording.usd(window.spent()) + " spent in the window); it frees up " + Wording.at(frees, now)
                        + ".", Duration.between(now, frees));
            }
        }
        return Optional.empty();
    }

    private static Optional<Refused> balance(SpendingState state) {
        if (state.balance().signum() > 0) {
            return Optional.empty();
        }
        return refuse(Reason.INSUFFICIENT_BALANCE, "Your balance is " + Wording.usd(state.balance())
                + "; top it up or redeem a code to continue.", null);
    }

    private static Optional<Refused> subscription(ActiveKey key, SpendingState state, Instant now) {
        SpendingState.Subscription sub = state.subscription();
        if (sub == null || !sub.expiresAt().isAfter(now)) {
            return refuse(Reason.NO_SUBSCRIPTION, "You have no active subscription to the group '" + key.groupName()
                    + "'" + (sub == null ? "" : " (it expired at " + sub.expiresAt() + ")")
                    + "; redeem a subscription code to continue.", null);
        }
        Optional<Refused> daily = window(key, sub.daily(), state.dailyLimit(), Period.DAILY, now);
        if (daily.isPresent()) {
            return daily;
        }
        Optional<Refused> weekly = window(key, sub.weekly(), state.weeklyLimit(), Period.WEEKLY, now);
        return weekly.isPresent() ? weekly : window(key, sub.monthly(), state.monthlyLimit(), Period.MONTHLY, now);
    }

    private static Optional<Refused> window(ActiveKey key, SubscriptionWindow window, BigDecimal limit, Period period,
                                            Instant now) {
        if (limit == null || window.usageAt(now, period).compareTo(limit) < 0) {
            return Optional.empty();
        }
        Instant resets = window.resetsAt(now, period);
        if (resets == null) { // a zero limit with no open window: nothing will ever fit
            return refuse(Reason.SUBSCRIPTION_LIMIT, "The " + period.label() + " limit of your subscription to '"
                    + key.groupName() + "' is " + Wording.usd(limit) + "; no request can fit.", null);
        }
        return refuse(Reason.SUBSCRIPTION_LIMIT, "The " + period.label() + " limit of your subscription to '"
                + key.groupName() + "' (" + Wording.usd(limit) + ") is reached (" + Wording.usd(window.usage())
                + " used); it resets " + Wording.at(resets, now) + ".", Duration.between(now, resets));
    }

    private static Optional<Refused> refuse(Reason reason, String message, Duration retryAfter) {
        return Optional.of(new Refused(reason, message, Optional.ofNullable(retryAfter)));
    }
}
