package dev.relaypool.server.gateway;

import java.util.Objects;
import java.util.Optional;

/** An outbound proxy an account's traffic goes through. {@code toString} never prints the password. */
public record UpstreamProxy(Type type, String host, int port, Optional<String> username, Optional<String> password) {
    public enum Type { HTTP, SOCKS5 }

    public UpstreamProxy {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        if (host.isBlank()) {
            throw new IllegalArgumentException("proxy host must not be blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("proxy port must be between 1 and 65535");
        }
    }

    public static UpstreamProxy http(String host, int port) {
        return new UpstreamProxy(Type.HTTP, host, port, Optional.empty(), Optional.empty());
    }

    @Override
    public String toString() {
        return "UpstreamProxy[" + type + " " + host + ":" + port + username.map(u -> ", user=" + u).orElse("")
                + (password.isPresent() ? ", password=****" : "") + "]";
    }
}
