package dev.relaypool.desktop.dashboard;

import dev.relaypool.model.admin.AccountView;
import dev.relaypool.model.admin.LiveAccountState;
import java.time.Instant;

/**
 * One account as the health list shows it: the state in words and, while cooling down, until when. Immutable;
 * live events produce a new value.
 */
record AccountHealth(long id, String name, String platform, State state, String reason, Instant cooldownUntil,
                     int inUse, int limit) {
    enum State { ACTIVE, COOLING_DOWN, ERROR, DISABLED }

    static AccountHealth of(AccountView account, Instant now) {
        State state = switch (account.status()) {
            case "error" -> State.ERROR;
            case "disabled" -> State.DISABLED;
            default -> account.cooldownUntil() != null && account.cooldownUntil().isAfter(now) ? State.COOLING_DOWN : State.ACTIVE;
        };
        String reason = state == State.ERROR ? nullToEmpty(account.errorMessage()) : nullToEmpty(account.cooldownReason());
        return new AccountHealth(account.id(), account.name(), account.platform().wireName(), state, reason,
                account.cooldownUntil(), account.concurrencyInUse(), account.concurrencyLimit());
    }

    AccountHealth with(LiveAccountState change) {
        return switch (change.change()) {
            case LiveAccountState.COOLDOWN_SET -> new AccountHealth(id, name, platform, State.COOLING_DOWN, change.reason(), change.until(), inUse, limit);
            case LiveAccountState.COOLDOWN_CLEARED, LiveAccountState.RECOVERED, LiveAccountState.ENABLED ->
                    new AccountHealth(id, name, platform, State.ACTIVE, "", null, inUse, limit);
            case LiveAccountState.ERROR -> new AccountHealth(id, name, platform, State.ERROR, change.reason(), null, inUse, limit);
            case LiveAccountState.DISABLED -> new AccountHealth(id, name, platform, State.DISABLED, "", null, inUse, limit);
            default -> this;
        };
    }

    AccountHealth withLoad(int newInUse, int newLimit) {
        return new AccountHealth(id, name, platform, state, reason, cooldownUntil, newInUse, newLimit);
    }

    /** A cooldown that has run out reads as active without waiting for the server to say so. */
    AccountHealth at(Instant now) {
        if (state == State.COOLING_DOWN && cooldownUntil != null && !cooldownUntil.isAfter(now)) {
            return new AccountHealth(id, name, platform, State.ACTIVE, "", null, inUse, limit);
        }
        return this;
    }

    /** "Active", "Cooling down, 4:05 left (rate limited)", "Error: invalid key", "Disabled". */
    String summary(Instant now) {
        String why = reason.isBlank() ? "" : " (" + reason + ")";
        return switch (state) {
            case ACTIVE -> "Active";
            case COOLING_DOWN -> cooldownUntil == null ? "Cooling down" + why
                    : "Cooling down, " + dev.relaypool.desktop.common.Formatting.countdown(
                            java.time.Duration.between(now, cooldownUntil)) + " left" + why;
            case ERROR -> reason.isBlank() ? "Error" : "Error: " + reason;
            case DISABLED -> "Disabled";
        };
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
