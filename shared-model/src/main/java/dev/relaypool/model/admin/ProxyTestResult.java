package dev.relaypool.model.admin;

import java.util.Objects;

/**
 * The answer of a proxy connectivity test: {@code ok} when the target answered through the proxy (any HTTP status
 * counts: the proxy works), with that {@code status} and the {@code latencyMs} until the answer's headers; otherwise
 * {@code message} says in words what failed (proxy unreachable, credentials refused, timeout, ...).
 */
public record ProxyTestResult(boolean ok, String target, Integer status, long latencyMs, String message) {
    public ProxyTestResult {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(message, "message");
    }
}
