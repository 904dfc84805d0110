package dev.relaypool.desktop.api;

/** Where the live event stream stands, for the dashboard's "Live" badge. */
public enum StreamStatus {
    CONNECTING, LIVE, RECONNECTING, UNAUTHORIZED, CLOSED
}
