package dev.relaypool.server.billing;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The rate multipliers that apply to one member's request: the group's, and optionally a per-user-per-group one.
 *
 * <p>The user multiplier, when set, <em>replaces</em> the group multiplier rather than compounding with it: an
 * operator who gives a member 0.5 in a 2.0 group means "this member pays half list price", not "pays list price".
 * Replacing keeps the number the operator typed the number that is billed.
 *
 * @param userOverride null when the member has no multiplier of their own in this group
 */
public record Multipliers(BigDecimal group, BigDecimal userOverride) {
    public static final Multipliers NONE = new Multipliers(BigDecimal.ONE, null);

    public Multipliers {
        Objects.requireNonNull(group, "group");
        if (group.signum() < 0 || (userOverride != null && userOverride.signum() < 0)) {
            throw new IllegalArgumentException("multipliers must not be negative");
        }
    }

    public static Multipliers group(BigDecimal group) {
        return new Multipliers(group, null);
    }

    /** The one factor the list cost is multiplied by. */
    public BigDecimal effective() {
        return userOverride != null ? userOverride : group;
    }
}
