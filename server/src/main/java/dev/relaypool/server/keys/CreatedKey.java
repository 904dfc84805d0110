package dev.relaypool.server.keys;

/** A key just created: the full {@code key} is shown to its owner this once and never again. */
public record CreatedKey(long id, String key, String displayPrefix) {
    @Override
    public String toString() {
        return "CreatedKey[id=" + id + ", prefix=" + displayPrefix + "]";
    }
}
