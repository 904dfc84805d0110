package dev.relaypool.desktop.session;

/** What the status bar tells the operator about the link to the server. */
public enum ConnectionState {
    SIGNED_OUT,
    CONNECTED,
    /** Signed in, but the server does not answer; the session probes it with back-off and carries on afterwards. */
    UNREACHABLE,
    /** The refresh token was refused; the password is needed again, the current screen stays. */
    SESSION_EXPIRED
}
