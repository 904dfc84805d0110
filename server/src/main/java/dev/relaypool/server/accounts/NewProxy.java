package dev.relaypool.server.accounts;

import dev.relaypool.server.gateway.UpstreamProxy;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** An outbound proxy accounts can use. The password is stored encrypted; {@code toString} never prints it. */
public record NewProxy(String name, UpstreamProxy.Type type, String host, int port, Optional<String> username,
                       Optional<String> password) {
    public NewProxy {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a proxy needs a name");
        }
        // validates host and port the way the gateway will use them
        new UpstreamProxy(type, host, port, username, password);
    }

    public static NewProxy http(String name, String host, int port) {
        return new NewProxy(name, UpstreamProxy.Type.HTTP, host, port, Optional.empty(), Optional.empty());
    }

    String protocol() {
        return type.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "NewProxy[" + name + ", " + type + " " + host + ":" + port + username.map(u -> ", user=" + u).orElse("")
                + (password.isPresent() ? ", password=****" : "") + "]";
    }
}
