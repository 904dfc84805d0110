package dev.relaypool.server.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Every configuration option the server reads, with its default and meaning. This enum is the one list: the
 * YAML file, the environment variables and {@code deploy/config.example.yaml} are all checked against it.
 */
public enum ConfigOption {
    DATA_DIR("data-dir", "./data", "Directory for the embedded database, the master key and the usage journal."),

    SERVER_HOST("server.host", "0.0.0.0", "Address the HTTP listener binds to."),
    SERVER_PORT("server.port", "8080", "HTTP port; 0 picks a free port."),
    SERVER_PUBLIC_URL("server.public-url", "", "URL members use to reach this server (shown in client settings); empty = derived from the request."),
    SERVER_MAX_BODY_BYTES("server.max-body-bytes", "33554432", "Largest request body accepted, in bytes (413 beyond)."),
    SERVER_MAX_HEADER_BYTES("server.max-header-bytes", "65536", "Largest request header block accepted, in bytes (400 beyond, refused while parsing)."),
    SERVER_READ_TIMEOUT_MS("server.read-timeout-ms", "30000", "Longest pause allowed while a client sends its request (headers or body); the connection is closed beyond it."),
    SERVER_WRITE_TIMEOUT_MS("server.write-timeout-ms", "120000", "Longest a response write may wait on a client that does not read; the connection is closed beyond it and its upstream slot freed."),
    SERVER_REQUEST_PARSE_TIMEOUT_MS("server.request-parse-timeout-ms", "15000", "Time allowed from a request's first byte until its headers are complete (against dribbled headers)."),
    SERVER_BODY_TIMEOUT_MS("server.body-timeout-ms", "120000", "Time allowed to receive a whole relayed request body (against dribbled bodies); 408 beyond."),
    SERVER_KEEP_ALIVE_TIMEOUT_MS("server.keep-alive-timeout-ms", "60000", "An idle connection between two requests is closed after this long."),
    SERVER_SHUTDOWN_GRACE_SECONDS("server.shutdown-grace-seconds", "30", "On SIGTERM, how long in-flight requests may take to finish."),
    SERVER_TRUSTED_PROXIES("server.trusted-proxies", "", "Comma-separated CIDRs whose X-Forwarded-For is believed; empty = none."),
    SERVER_CORS_ORIGINS("server.cors-origins", "", "Comma-separated browser origins (scheme://host[:port]) allowed by CORS on the REST API and the gateway; empty = none."),

    DATABASE_URL("database.url", "", "JDBC URL of an external PostgreSQL (15+); empty = embedded PostgreSQL under data-dir."),
    DATABASE_USER("database.user", "", "Database user (external PostgreSQL)."),
    DATABASE_PASSWORD("database.password", "", "Database password (external PostgreSQL). Prefer the environment variable."),
    DATABASE_POOL_SIZE("database.pool-size", "10", "Maximum connections in the pool."),
    DATABASE_EMBEDDED_PORT("database.embedded-port", "0", "Port of the embedded PostgreSQL; 0 picks a free port."),

    REDIS_URL("redis.url", "", "Redis URL (redis://[:password@]host:port[/db], rediss:// for TLS); empty = in-process coordination."),

    SECURITY_MASTER_KEY("security.master-key", "", "Base64 256-bit key that encrypts upstream credentials; empty = generated and kept in data-dir/master.key."),
    SECURITY_ADMIN_EMAIL("security.admin-email", "admin@relaypool.local", "Login of the admin user created on first start."),
    SECURITY_ALLOW_PRIVATE_UPSTREAMS("security.allow-private-upstreams", "false", "Allow account base URLs and proxies on private, loopback or link-local addresses."),
    SECURITY_REQUIRE_ADMIN_TOTP("security.require-admin-totp", "false", "Make two-factor sign-in (TOTP) mandatory for admins: an admin without it must enrol at the next sign-in."),
    SECURITY_ALLOW_HTTP_UPSTREAMS("security.allow-http-upstreams", "false", "Allow plain-HTTP account base URLs."),
    SECURITY_INVALID_KEY_LIMIT("security.invalid-key-limit", "20", "Invalid relay keys one client address may present per window before further invalid ones get 429 (valid keys keep working); 0 = no limit."),
    SECURITY_INVALID_KEY_WINDOW_SECONDS("security.invalid-key-window-seconds", "60", "Length of the invalid-key window, in seconds."),
    SECURITY_PROXY_TEST_URL("security.proxy-test-url", "https://api.anthropic.com/", "URL the proxy connectivity test (POST /api/v1/admin/proxies/{id}/test) fetches through the proxy, unless the request names one."),

    GATEWAY_CONNECT_TIMEOUT_MS("gateway.connect-timeout-ms", "10000", "Upstream connect timeout."),
    GATEWAY_RESPONSE_HEADER_TIMEOUT_MS("gateway.response-header-timeout-ms", "300000", "Upstream time allowed until response headers arrive."),
    GATEWAY_STREAM_IDLE_TIMEOUT_MS("gateway.stream-idle-timeout-ms", "120000", "Longest silence allowed between two upstream stream events."),
    GATEWAY_MAX_ACCOUNT_SWITCHES("gateway.max-account-switches", "3", "How many other accounts a request may fail over to before the first byte."),
    GATEWAY_UPSTREAM_CA_FILE("gateway.upstream-ca-file", "", "PEM file of CA certificates trusted for upstream HTTPS besides the JDK's own (an OpenAI-compatible endpoint behind a private CA); empty = the JDK's only."),

    SCHEDULING_STICKY_TTL_SECONDS("scheduling.sticky-ttl-seconds", "3600", "How long a conversation stays bound to the account that last answered it, refreshed on every use."),
    SCHEDULING_ACCOUNT_WAIT_MS("scheduling.account-wait-ms", "10000", "How long a request may wait for a free slot when every candidate account is busy (then 429)."),
    SCHEDULING_MAX_WAITERS("scheduling.max-waiters", "100", "How many requests may wait per account at once (across the cluster); beyond that 429 at once."),
    SCHEDULING_LEASE_TTL_SECONDS("scheduling.lease-ttl-seconds", "60", "An account slot of a node that died frees itself after this long (held slots are renewed)."),
    SCHEDULING_PROBE_INTERVAL_SECONDS("scheduling.probe-interval-seconds", "60", "How often one node checks accounts cooling down after auth or server failures with a model-list request; 0 = never."),

    BILLING_MODE("billing.mode", "standard", "standard = charge balances and subscriptions; simple = record usage, charge nothing."),
    BILLING_FAIL_CLOSED("billing.fail-closed", "true", "Refuse requests when the billing store is down, rather than serve them unbilled."),
    BILLING_UNPRICED_MODEL("billing.unpriced-model", "refuse", "A model with no price: refuse, or default (bill at billing.default-price-per-million)."),
    BILLING_DEFAULT_PRICE_PER_MILLION("billing.default-price-per-million", "0", "USD per million tokens (all buckets) for unpriced models when unpriced-model = default."),
    BILLING_JOURNAL_DURABILITY("billing.journal-durability", "process", "When an answer may complete: process = its usage is written to the journal file (survives kill -9; fsynced within milliseconds); disk = fsynced first (survives power loss; adds about one fsync to every request)."),
    BILLING_MINUTE_ROLLUP_RETENTION_HOURS("billing.minute-rollup-retention-hours", "48", "Per-minute usage rollups older than this are deleted (hour and day rollups are kept)."),

    OAUTH_REFRESH_MARGIN_SECONDS("oauth.refresh-margin-seconds", "300", "Refresh an OAuth access token this long before it expires."),
    OAUTH_REFRESH_INTERVAL_SECONDS("oauth.refresh-interval-seconds", "60", "How often the cluster looks for OAuth tokens due for refresh."),
    OAUTH_ANTHROPIC_CLIENT_ID("oauth.anthropic.client-id", "", "Client id of YOUR OAuth client registered with Anthropic; empty = OAuth sign-in disabled for Anthropic."),
    OAUTH_ANTHROPIC_CLIENT_SECRET("oauth.anthropic.client-secret", "", "Client secret of that client, if it has one. Prefer the environment variable."),
    OAUTH_ANTHROPIC_AUTHORIZE_URL("oauth.anthropic.authorize-url", "https://claude.ai/oauth/authorize", "Anthropic's authorisation page."),
    OAUTH_ANTHROPIC_TOKEN_URL("oauth.anthropic.token-url", "https://console.anthropic.com/v1/oauth/token", "Anthropic's token endpoint."),
    OAUTH_ANTHROPIC_SCOPES("oauth.anthropic.scopes", "user:profile user:inference", "Space-separated scopes requested from Anthropic."),
    OAUTH_ANTHROPIC_REDIRECT_URI("oauth.anthropic.redirect-uri", "", "Redirect URI registered for your Anthropic client; the page it lands on shows the code to paste back."),
    OAUTH_OPENAI_CLIENT_ID("oauth.openai.client-id", "", "Client id of YOUR OAuth client registered with OpenAI; empty = OAuth sign-in disabled for OpenAI."),
    OAUTH_OPENAI_CLIENT_SECRET("oauth.openai.client-secret", "", "Client secret of that client, if it has one. Prefer the environment variable."),
    OAUTH_OPENAI_AUTHORIZE_URL("oauth.openai.authorize-url", "https://auth.openai.com/oauth/authorize", "OpenAI's authorisation page."),
    OAUTH_OPENAI_TOKEN_URL("oauth.openai.token-url", "https://auth.openai.com/oauth/token", "OpenAI's token endpoint."),
    OAUTH_OPENAI_SCOPES("oauth.openai.scopes", "openid profile email offline_access", "Space-separated scopes requested from OpenAI."),
    OAUTH_OPENAI_REDIRECT_URI("oauth.openai.redirect-uri", "", "Redirect URI registered for your OpenAI client; the page it lands on shows the code to paste back."),
    OAUTH_GEMINI_CLIENT_ID("oauth.gemini.client-id", "", "Client id of YOUR Google OAuth client; empty = OAuth sign-in disabled for Gemini."),
    OAUTH_GEMINI_CLIENT_SECRET("oauth.gemini.client-secret", "", "Client secret of that Google client (Google requires one). Prefer the environment variable."),
    OAUTH_GEMINI_AUTHORIZE_URL("oauth.gemini.authorize-url", "https://accounts.google.com/o/oauth2/v2/auth", "Google's authorisation page."),
    OAUTH_GEMINI_TOKEN_URL("oauth.gemini.token-url", "https://oauth2.googleapis.com/token", "Google's token endpoint."),
    OAUTH_GEMINI_SCOPES("oauth.gemini.scopes", "https://www.googleapis.com/auth/cloud-platform https://www.googleapis.com/auth/userinfo.email", "Space-separated scopes requested from Google."),
    OAUTH_GEMINI_REDIRECT_URI("oauth.gemini.redirect-uri", "", "Redirect URI registered for your Google client; the page it lands on shows the code to paste back."),

    METRICS_ENABLED("metrics.enabled", "true", "Serve Prometheus metrics at GET /metrics."),
    METRICS_TOKEN("metrics.token", "", "Bearer token GET /metrics requires (16+ characters); empty = answered only to loopback clients that came through no proxy.");

    private final String key;
    private final String defaultValue;
    private final String description;

    ConfigOption(String key, String defaultValue, String description) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    public String key() { return key; }

    public String defaultValue() { return defaultValue; }

    public String description() { return description; }

    /** {@code server.port} → {@code RELAYPOOL_SERVER_PORT}. */
    public String environmentVariable() {
        return "RELAYPOOL_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    public static Optional<ConfigOption> byKey(String key) {
        return Arrays.stream(values()).filter(o -> o.key.equals(key)).findFirst();
    }
}
