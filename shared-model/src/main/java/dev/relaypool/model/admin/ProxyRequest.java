package dev.relaypool.model.admin;

import java.util.Objects;
import java.util.Set;

/**
 * {@code POST /admin/proxies} and {@code PUT /admin/proxies/{id}}. {@code password} is write-only; on PUT a null
 * password keeps the stored one and "" removes it.
 */
public record ProxyRequest(String name, String protocol, String host, Integer port, String username, String password,
                           String status) {
    public ProxyRequest {
        name = Checks.required(name, "name");
        protocol = Checks.oneOf(Checks.required(protocol, "protocol"), "protocol", Set.of("http", "https", "socks5"));
        host = Checks.required(host, "host");
        Objects.requireNonNull(port, "port is required");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1-65535");
        }
        username = Checks.blankToNull(username);
        status = status == null ? "active" : Checks.oneOf(status, "status", Set.of("active", "disabled"));
    }

    @Override
    public String toString() {
        return "ProxyRequest[name=" + name + ", host=" + host + ":" + port + "]";
    }
}
