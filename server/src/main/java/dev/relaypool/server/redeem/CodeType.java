package dev.relaypool.server.redeem;

import java.util.Locale;

/** What a redeem code grants: USD added to the balance, days of a group's subscription, or concurrency slots. */
public enum CodeType {
    BALANCE, SUBSCRIPTION, CONCURRENCY;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CodeType fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
