package dev.relaypool.model.member;

import java.util.Objects;

/** A new relay key: {@code key} is shown this once; the server keeps only its hash. */
public record KeyCreated(KeyView view, String key) {
    public KeyCreated {
        Objects.requireNonNull(view, "view");
        Objects.requireNonNull(key, "key");
    }

    @Override
    public String toString() {
        return "KeyCreated[id=" + view.id() + ", prefix=" + view.prefix() + "]";
    }
}
