package dev.relaypool.server.config;

import static dev.relaypool.server.config.ConfigOption.*;

import dev.relaypool.model.Platform;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The server's whole configuration, validated once at start-up and passed down by constructor. */
public record RelaypoolConfig(
        Path dataDir, Server server, Database database, Redis redis, Security security, Gateway gateway, Billing billing,
        Scheduling scheduling, OAuth oauth, Metrics metrics) {

    public record Server(String host, int port, String publicUrl, long maxBodyBytes, int maxHeaderBytes,
                         Duration shutdownGrace, List<String> trustedProxies, List<String> corsOrigins,
                         ClientTimeouts clientTimeouts) {
        public Server {
            trustedProxies = List.copyOf(trustedProxies);
            corsOrigins = List.copyOf(corsOrigins);
            java.util.Objects.requireNonNull(clientTimeouts, "clientTimeouts");
        }
    }

    /** How long a client may take to send, to read and to stay idle: slow or silent clients must not hold resources. */
    public record ClientTimeouts(Duration read, Duration write, Duration requestParse, Duration body,
                                 Duration keepAlive) {}

    /** {@code url} empty means: start the embedded PostgreSQL under the data directory. */
    public record Database(Optional<String> url, String user, String password, int poolSize, int embeddedPort) {
        public boolean embedded() { return url.isEmpty(); }

        @Override
        public String toString() { // never print the password
            return "Database[url=" + url.orElse("embedded") + ", user=" + user + ", poolSize=" + poolSize + "]";
        }
    }

    /** {@code url} empty means: in-process coordination (single node). */
    public record Redis(Optional<URI> url) {
        @Override
        public String toString() {
            return "Redis[" + url.map(u -> u.getScheme() + "://" + u.getHost() + ":" + u.getPort()).orElse("in-process") + "]";
        }
    }

    /** {@code masterKey} empty means: generated once and kept in {@code data-dir/master.key}. */
    public record Security(Optional<byte[]> masterKey, String adminEmail, boolean allowPrivateUpstreams,
                           boolean allowHttpUpstreams, boolean requireAdminTotp, int invalidKeyLimit,
                           Duration invalidKeyWindow, URI proxyTestUrl) {
        @Override
        public String toString() {
            return "Security[masterKey=" + (masterKey.isPresent() ? "(set)" : "(data-dir)") + ", adminEmail=" + adminEmail + "]";
        }
    }

    /** {@code upstreamCaFile}: extra trusted certificates for upstream HTTPS (see {@code UpstreamTrust}). */
    public record Gateway(Duration connectTimeout, Duration responseHeaderTimeout, Duration streamIdleTimeout,
                          int maxAccountSwitches, Optional<java.nio.file.Path> upstreamCaFile) {
        public Gateway {
            java.util.Objects.requireNonNull(upstreamCaFile, "upstreamCaFile");
        }
    }

    /** How requests are spread over the pool: sticky sessions, waiting for a slot, lease expiry, probing. */
    public record Scheduling(Duration stickyTtl, Duration accountWait, int maxWaiters, Duration leaseTtl,
                             Duration probeInterval) {}

    /** {@code token} empty means: {@code /metrics} answers loopback clients only (see docs/deploy.md, Metrics). */
    public record Metrics(boolean enabled, Optional<String> token) {
        public Metrics {
            java.util.Objects.requireNonNull(token, "token");
        }

        @Override
        public String toString() { // never print the token
            return "Metrics[enabled=" + enabled + ", token=" + (token.isPresent() ? "(set)" : "(loopback only)") + "]";
        }
    }

    public enum BillingMode { STANDARD, SIMPLE }

    public enum UnpricedModel { REFUSE, DEFAULT }

    /** What a journalled usage record survives before the answer it bills may complete (see docs/billing.md). */
    public enum JournalDurability { PROCESS, DISK }

    public record Billing(BillingMode mode, boolean failClosed, UnpricedModel unpricedModel,
                          BigDecimal defaultPricePerMillion, Duration minuteRollupRetention,
                          JournalDurability journalDurability) {
        public static final Duration DEFAULT_MINUTE_ROLLUP_RETENTION = Duration.ofHours(48);

        public Billing(BillingMode mode, boolean failClosed, UnpricedModel unpricedModel,
                       BigDecimal defaultPricePerMillion) {
            this(mode, failClosed, unpricedModel, defaultPricePerMillion, DEFAULT_MINUTE_ROLLUP_RETENTION,
                    JournalDurability.PROCESS);
        }
    }

    /**
     * OAuth sign-in of upstream accounts. Every client identity is the operator's own registration (we never present
     * another product's client id); a platform whose client id is empty cannot start a sign-in.
     */
    public record OAuth(Duration refreshMargin, Duration refreshInterval, Map<Platform, OAuthClient> clients) {
        public OAuth {
            clients = Map.copyOf(clients);
        }

        public OAuthClient client(Platform platform) {
            return clients.get(platform);
        }
    }

    /** One platform's OAuth client as the operator registered it. {@code toString} never prints the secret. */
    public record OAuthClient(String clientId, Optional<String> clientSecret, URI authorizeUrl, URI tokenUrl,
                              List<String> scopes, Optional<URI> redirectUri) {
        public OAuthClient {
            scopes = List.copyOf(scopes);
        }

        public boolean configured() {
            return !clientId.isBlank() && redirectUri.isPresent();
        }

        @Override
        public String toString() {
            return "OAuthClient[clientId=" + clientId + ", secret=" + (clientSecret.isPresent() ? "(set)" : "none")
                    + ", authorize=" + authorizeUrl + ", token=" + tokenUrl + ", scopes=" + scopes + "]";
        }
    }

    static RelaypoolConfig from(Map<ConfigOption, String> v) {
        Values values = new Values(v);
        return new RelaypoolConfig(
                Path.of(values.nonBlank(DATA_DIR)),
                new Server(
                        values.nonBlank(SERVER_HOST),
                        values.intIn(SERVER_PORT, 0, 65535),
                        values.url(SERVER_PUBLIC_URL, List.of("http", "https")).map(URI::toString).orElse(""),
                        values.longIn(SERVER_MAX_BODY_BYTES, 1024, Long.MAX_VALUE),
                        values.intIn(SERVER_MAX_HEADER_BYTES, 1024, 16 * 1024 * 1024),
                        Duration.ofSeconds(values.intIn(SERVER_SHUTDOWN_GRACE_SECONDS, 0, 3600)),
                        values.cidrList(SERVER_TRUSTED_PROXIES),
                        values.list(SERVER_CORS_ORIGINS),
                        new ClientTimeouts(
                                Duration.ofMillis(values.intIn(SERVER_READ_TIMEOUT_MS, 100, 3_600_000)),
                                Duration.ofMillis(values.intIn(SERVER_WRITE_TIMEOUT_MS, 100, 3_600_000)),
                                Duration.ofMillis(values.intIn(SERVER_REQUEST_PARSE_TIMEOUT_MS, 100, 3_600_000)),
                                Duration.ofMillis(values.intIn(SERVER_BODY_TIMEOUT_MS, 100, 3_600_000)),
                                Duration.ofMillis(values.intIn(SERVER_KEEP_ALIVE_TIMEOUT_MS, 100, 3_600_000)))),
                new Database(
                        values.optional(DATABASE_URL).map(url -> requirePrefix(url, "jdbc:postgresql:", DATABASE_URL)),
                        values.raw(DATABASE_USER), values.raw(DATABASE_PASSWORD),
                        values.intIn(DATABASE_POOL_SIZE, 1, 500),
                        values.intIn(DATABASE_EMBEDDED_PORT, 0, 65535)),
                new Redis(values.url(REDIS_URL, List.of("redis", "rediss"))),
                new Security(
                        values.optional(SECURITY_MASTER_KEY).map(key -> masterKey(key)),
                        values.email(SECURITY_ADMIN_EMAIL),
                        values.bool(SECURITY_ALLOW_PRIVATE_UPSTREAMS),
                        values.bool(SECURITY_ALLOW_HTTP_UPSTREAMS),
                        values.bool(SECURITY_REQUIRE_ADMIN_TOTP),
                        values.intIn(SECURITY_INVALID_KEY_LIMIT, 0, 1_000_000),
                        Duration.ofSeconds(values.intIn(SECURITY_INVALID_KEY_WINDOW_SECONDS, 1, 86_400)),
                        values.url(SECURITY_PROXY_TEST_URL, List.of("https", "http")).orElseThrow(
                                () -> invalid(SECURITY_PROXY_TEST_URL, "", "must not be empty"))),
                new Gateway(
                        Duration.ofMillis(values.intIn(GATEWAY_CONNECT_TIMEOUT_MS, 1, 600_000)),
                        Duration.ofMillis(values.intIn(GATEWAY_RESPONSE_HEADER_TIMEOUT_MS, 1, 3_600_000)),
                        Duration.ofMillis(values.intIn(GATEWAY_STREAM_IDLE_TIMEOUT_MS, 1, 3_600_000)),
                        values.intIn(GATEWAY_MAX_ACCOUNT_SWITCHES, 0, 50),
                        values.readableFile(GATEWAY_UPSTREAM_CA_FILE)),
                new Billing(
                        values.oneOf(BILLING_MODE, BillingMode.class),
                        values.bool(BILLING_FAIL_CLOSED),
                        values.oneOf(BILLING_UNPRICED_MODEL, UnpricedModel.class),
                        values.nonNegativeDecimal(BILLING_DEFAULT_PRICE_PER_MILLION),
                        Duration.ofHours(values.intIn(BILLING_MINUTE_ROLLUP_RETENTION_HOURS, 1, 24 * 366)),
                        values.oneOf(BILLING_JOURNAL_DURABILITY, JournalDurability.class)),
                new Scheduling(
                        Duration.ofSeconds(values.intIn(SCHEDULING_STICKY_TTL_SECONDS, 1, 30 * 86_400)),
                        Duration.ofMillis(values.intIn(SCHEDULING_ACCOUNT_WAIT_MS, 0, 600_000)),
                        values.intIn(SCHEDULING_MAX_WAITERS, 0, 100_000),
                        Duration.ofSeconds(values.intIn(SCHEDULING_LEASE_TTL_SECONDS, 3, 3600)),
                        Duration.ofSeconds(values.intIn(SCHEDULING_PROBE_INTERVAL_SECONDS, 0, 86_400))),
                new OAuth(
                        Duration.ofSeconds(values.intIn(OAUTH_REFRESH_MARGIN_SECONDS, 0, 86_400)),
                        Duration.ofSeconds(values.intIn(OAUTH_REFRESH_INTERVAL_SECONDS, 1, 3600)),
                        Map.of(Platform.ANTHROPIC, values.oauthClient(OAUTH_ANTHROPIC_CLIENT_ID, OAUTH_ANTHROPIC_CLIENT_SECRET,
                                        OAUTH_ANTHROPIC_AUTHORIZE_URL, OAUTH_ANTHROPIC_TOKEN_URL, OAUTH_ANTHROPIC_SCOPES,
                                        OAUTH_ANTHROPIC_REDIRECT_URI),
                                Platform.OPENAI, values.oauthClient(OAUTH_OPENAI_CLIENT_ID, OAUTH_OPENAI_CLIENT_SECRET,
                                        OAUTH_OPENAI_AUTHORIZE_URL, OAUTH_OPENAI_TOKEN_URL, OAUTH_OPENAI_SCOPES,
                                        OAUTH_OPENAI_REDIRECT_URI),
                                Platform.GEMINI, values.oauthClient(OAUTH_GEMINI_CLIENT_ID, OAUTH_GEMINI_CLIENT_SECRET,
                                        OAUTH_GEMINI_AUTHORIZE_URL, OAUTH_GEMINI_TOKEN_URL, OAUTH_GEMINI_SCOPES,
                                        OAUTH_GEMINI_REDIRECT_URI))),
                new Metrics(
                        values.bool(METRICS_ENABLED),
                        values.optional(METRICS_TOKEN).map(RelaypoolConfig::metricsToken)));
    }

    private static String requirePrefix(String value, String prefix, ConfigOption option) {
        if (!value.startsWith(prefix)) {
            throw invalid(option, value, "must start with " + prefix);
        }
        return value;
    }

    private static String metricsToken(String token) {
        if (token.length() < 16 || !token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw invalid(METRICS_TOKEN, token, "must be at least 16 printable ASCII characters without spaces");
        }
        return token;
    }

    private static byte[] masterKey(String base64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(SECURITY_MASTER_KEY.key() + " (" + SECURITY_MASTER_KEY.environmentVariable()
                    + "): not valid Base64");
        }
        if (key.length != 32) {
            throw new ConfigException(SECURITY_MASTER_KEY.key() + " (" + SECURITY_MASTER_KEY.environmentVariable()
                    + "): must be 32 bytes (256 bits) in Base64, got " + key.length + " bytes");
        }
        return key;
    }

    static ConfigException invalid(ConfigOption option, String value, String problem) {
        boolean secret = option == DATABASE_PASSWORD || option == SECURITY_MASTER_KEY || option == REDIS_URL
                || option == METRICS_TOKEN || option.key().endsWith(".client-secret");
        return new ConfigException(option.key() + " (" + option.environmentVariable() + "): "
                + (secret ? "" : "'" + value + "' ") + problem);
    }

    /** Typed reads of the raw strings, each failing with a message that names the option. */
    private record Values(Map<ConfigOption, String> raw) {
        String raw(ConfigOption o) { return raw.getOrDefault(o, ""); }

        Optional<String> optional(ConfigOption o) {
            String value = raw(o);
            return value.isBlank() ? Optional.empty() : Optional.of(value);
        }

        /** Empty when blank; else the path, which must name a readable regular file. */
        Optional<java.nio.file.Path> readableFile(ConfigOption o) {
            return optional(o).map(value -> {
                java.nio.file.Path path = java.nio.file.Path.of(value);
                if (!java.nio.file.Files.isRegularFile(path) || !java.nio.file.Files.isReadable(path)) {
                    throw invalid(o, value, "is not a readable file");
                }
                return path;
            });
        }

        String nonBlank(ConfigOption o) {
            return optional(o).orElseThrow(() -> invalid(o, "", "must not be empty"));
        }

        long longIn(ConfigOption o, long min, long max) {
            String value = raw(o);
            long parsed;
            try {
                parsed = Long.parseLong(value.replace("_", ""));
            } catch (NumberFormatException e) {
                throw invalid(o, value, "is not a whole number");
            }
            if (parsed < min || parsed > max) {
                throw invalid(o, value, "must be between " + min + " and " + max);
            }
            return parsed;
        }

        int intIn(ConfigOption o, int min, int max) { return (int) longIn(o, min, max); }

        boolean bool(ConfigOption o) {
            return switch (raw(o).toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on", "1" -> true;
                case "false", "no", "off", "0" -> false;
                default -> throw invalid(o, raw(o), "must be true or false");
            };
        }

        <E extends Enum<E>> E oneOf(ConfigOption o, Class<E> type) {
            String value = raw(o);
            return Arrays.stream(type.getEnumConstants())
                    .filter(e -> e.name().equalsIgnoreCase(value.replace('-', '_')))
                    .findFirst()
                    .orElseThrow(() -> invalid(o, value, "must be one of " + Arrays.stream(type.getEnumConstants())
                            .map(e -> e.name().toLowerCase(Locale.ROOT)).toList()));
        }

        BigDecimal nonNegativeDecimal(ConfigOption o) {
            try {
                BigDecimal decimal = new BigDecimal(raw(o));
                if (decimal.signum() < 0) {
                    throw invalid(o, raw(o), "must not be negative");
                }
                return decimal;
            } catch (NumberFormatException e) {
                throw invalid(o, raw(o), "is not a decimal number");
            }
        }

        List<String> list(ConfigOption o) {
            return Arrays.stream(raw(o).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        }

        List<String> cidrList(ConfigOption o) {
            List<String> cidrs = list(o);
            for (String cidr : cidrs) {
                if (!cidr.matches("[0-9a-fA-F:.]+(/\\d{1,3})?")) {
                    throw invalid(o, cidr, "is not an IP address or CIDR range");
                }
            }
            return cidrs;
        }

        String email(ConfigOption o) {
            String value = nonBlank(o);
            if (!value.matches("[^@\\s]+@[^@\\s]+")) {
                throw invalid(o, value, "is not an e-mail address");
            }
            return value;
        }

        OAuthClient oauthClient(ConfigOption clientId, ConfigOption secret, ConfigOption authorize, ConfigOption token,
                                ConfigOption scopes, ConfigOption redirect) {
            return new OAuthClient(raw(clientId), optional(secret),
                    url(authorize, List.of("https", "http")).orElseThrow(() -> invalid(authorize, "", "must not be empty")),
                    url(token, List.of("https", "http")).orElseThrow(() -> invalid(token, "", "must not be empty")),
                    Arrays.stream(raw(scopes).split("[\\s,]+")).filter(s -> !s.isEmpty()).toList(),
                    url(redirect, List.of("https", "http")));
        }

        Optional<URI> url(ConfigOption o, List<String> schemes) {
            return optional(o).map(value -> {
                URI uri;
                try {
                    uri = URI.create(value);
                } catch (IllegalArgumentException e) {
                    throw invalid(o, value, "is not a URL");
                }
                if (uri.getScheme() == null || !schemes.contains(uri.getScheme()) || uri.getHost() == null) {
                    throw invalid(o, value, "must be a URL starting with " + String.join(":// or ", schemes) + "://");
                }
                return uri;
            });
        }
    }
}
