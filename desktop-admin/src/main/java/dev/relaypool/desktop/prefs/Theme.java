package dev.relaypool.desktop.prefs;

/** The two AtlantaFX themes the app offers. */
public enum Theme {
    LIGHT,
    DARK
}
