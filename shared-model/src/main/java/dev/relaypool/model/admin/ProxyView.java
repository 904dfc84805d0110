package dev.relaypool.model.admin;

import java.util.Objects;

/** An outbound proxy; the password is never answered, only whether one is set. */
public record ProxyView(long id, String name, String protocol, String host, int port, String username,
                        boolean hasPassword, String status) {
    public ProxyView {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(status, "status");
    }
}
