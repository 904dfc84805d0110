package dev.relaypool.model.admin;

/**
 * {@code POST /admin/proxies/{id}/test}: {@code url} is what to fetch through the proxy; null = the server's
 * {@code security.proxy-test-url}. The URL must pass the same address policy as an account's base URL.
 */
public record ProxyTestRequest(String url) {
    public ProxyTestRequest {
        url = url == null || url.isBlank() ? null : url.strip();
    }
}
