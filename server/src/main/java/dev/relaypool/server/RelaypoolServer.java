package dev.relaypool.server;

import dev.relaypool.model.Platform;
import dev.relaypool.server.accounts.Accounts;
import dev.relaypool.server.admin.AdminContext;
import dev.relaypool.server.admin.AdminModule;
import dev.relaypool.server.api.ApiHandler;
import dev.relaypool.server.api.CorsHandler;
import dev.relaypool.server.api.Route;
import dev.relaypool.server.audit.AuditRoutes;
import dev.relaypool.server.billing.CostCalculator;
import dev.relaypool.server.billing.Multipliers;
import dev.relaypool.server.billing.PriceQuote;
import dev.relaypool.server.events.AccountWatch;
import dev.relaypool.server.events.EventStreamRoute;
import dev.relaypool.server.events.LiveEventSink;
import dev.relaypool.server.events.LiveEvents;
import dev.relaypool.server.members.MemberModule;
import dev.relaypool.server.usage.UsageRecord;
import dev.relaypool.server.usage.rollup.RollupPruner;
import dev.relaypool.server.api.RouteTable;
import dev.relaypool.server.api.TrustedProxies;
import dev.relaypool.server.auth.AuthModule;
import dev.relaypool.server.auth.LoginService;
import dev.relaypool.server.accounts.CredentialCodec;
import dev.relaypool.server.billing.CostCalculator;
import dev.relaypool.server.billing.PostgresBatchWriter;
import dev.relaypool.server.accounts.Proxies;
import dev.relaypool.server.accounts.oauth.OAuthAccounts;
import dev.relaypool.server.billing.PriceBook;
import dev.relaypool.server.billing.PriceCatalogue;
import dev.relaypool.server.billing.SettlementQueue;
import dev.relaypool.server.billing.UsageJournal;
import dev.relaypool.server.billing.UsageSettlement;
import dev.relaypool.server.config.RelaypoolConfig;
import dev.relaypool.server.coordination.Coordination;
import dev.relaypool.server.crypto.CredentialCipher;
import dev.relaypool.server.dashboard.Dashboard;
import dev.relaypool.server.gateway.GatewayRoutes;
import dev.relaypool.server.gateway.upstream.UpstreamTrust;
import dev.relaypool.server.http.BodyLimitHandler;
import dev.relaypool.server.http.BufferPool;
import dev.relaypool.server.http.ClientLimits;
import dev.relaypool.server.http.HealthHandler;
import dev.relaypool.server.keys.ApiKeys;
import dev.relaypool.server.keys.InvalidKeyThrottle;
import dev.relaypool.server.keys.KeyFormat;
import dev.relaypool.server.metrics.RelayMetrics;
import dev.relaypool.server.net.UpstreamAddressPolicy;
import dev.relaypool.server.scheduling.LeaseRenewer;
import dev.relaypool.server.scheduling.PoolSelector;
import dev.relaypool.server.scheduling.Scheduling;
import dev.relaypool.server.storage.Database;
import dev.relaypool.server.limits.Admission;
import dev.relaypool.server.limits.GatewayAdmission;
import dev.relaypool.server.redeem.RedeemCodes;
import dev.relaypool.server.users.AdminBootstrap;
import dev.relaypool.server.users.PasswordHasher;
import io.undertow.Undertow;
import io.undertow.server.handlers.GracefulShutdownHandler;
import io.undertow.server.handlers.PathHandler;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running relay node, wired by hand: storage, coordination, keys, accounts, scheduler, billing and the gateway
 * behind Undertow. Startable in-process by tests on port 0; {@link #close()} is the graceful stop (SIGTERM).
 */
public final class RelaypoolServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RelaypoolServer.class);

    private final RelaypoolConfig config;
    private final Parts parts;
    private final GracefulShutdownHandler graceful;
    private final Undertow undertow;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** What a running node holds; exposed to tests and to the admin side. */
    public record Parts(Database database, Coordination coordination, ApiKeys keys, Accounts accounts,
                        Proxies proxies, OAuthAccounts oauth, PoolSelector selector, LeaseRenewer renewer,
                        Admission admission, RedeemCodes redeem, UsageSettlement settlement, GatewayRoutes gateway,
                        Scheduling scheduling, LiveEvents events, AccountWatch watch, PriceBook prices,
                        UpstreamAddressPolicy addresses, RelayMetrics metrics, RollupPruner rollupPruner) {}

    private RelaypoolServer(RelaypoolConfig config, Parts parts, GracefulShutdownHandler graceful, Undertow undertow) {
        this.config = config;
        this.parts = parts;
        this.graceful = graceful;
        this.undertow = undertow;
    }

    public static RelaypoolServer start(RelaypoolConfig config) {
        return start(config, Clock.systemUTC());
    }

    public static RelaypoolServer start(RelaypoolConfig config, Clock clock) {
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            Database database = open(opened, Database.open(config));
            new AdminBootstrap(database, new PasswordHasher(), System.out).run(config.security().adminEmail());
            Coordination coordination = open(opened, Coordination.create(config, clock));
            CredentialCipher cipher = CredentialCipher.fromConfig(config);
            LiveEvents events = open(opened, new LiveEvents(coordination.broadcasts(), 1_000));
            ApiKeys keys = new ApiKeys(database, new KeyFormat(new SecureRandom()), clock, new InvalidKeyThrottle.Settings(
                    config.security().invalidKeyLimit(), config.security().invalidKeyWindow()));
            UpstreamAddressPolicy addresses = UpstreamAddressPolicy.fromConfig(config.security());
            Optional<UpstreamTrust> trust = UpstreamTrust.load(config.gateway().upstreamCaFile()); // once per node
            CredentialCodec codec = new CredentialCodec(cipher);
            Accounts accounts = open(opened, new Accounts(database, codec, addresses, coordination.broadcasts()));
            Proxies proxies = new Proxies(database, codec, addresses, accounts);
            OAuthAccounts oauth = open(opened, OAuthAccounts.create(config.oauth(), accounts, codec, coordination,
                    addresses, clock, true, trust));
            Scheduling scheduling = open(opened, new Scheduling(config, accounts, coordination, clock,
                    oauth.refresher()::onAuthRejected, trust));
            PoolSelector selector = scheduling.selector();
            LeaseRenewer renewer = scheduling.renewer();
            // admission and settlement price with what is in force now: catalogue upload + overrides
            PriceBook prices = open(opened, new PriceBook(database, PriceCatalogue.bundled(), coordination.broadcasts()));
            CostCalculator calculator = new CostCalculator(prices, config.billing());
            Admission admission = new Admission(database, calculator, config.billing(), coordination, renewer,
                    Admission.Settings.DEFAULTS, clock);
            UsageSettlement settlement = open(opened, new UsageSettlement(UsageJournal.open(config.dataDir(),
                            UsageJournal.DEFAULTS.syncingFirst(config.billing().journalDurability() == RelaypoolConfig.JournalDurability.DISK)),
                    new PostgresBatchWriter(database, calculator, config.billing().mode(), clock),
                    SettlementQueue.DEFAULTS));
            RollupPruner rollupPruner = open(opened, new RollupPruner(database, coordination.locks(),
                    config.billing().minuteRollupRetention(), clock).start());
            int replayed = settlement.recover();
            if (replayed > 0) {
                log.info("Replayed {} usage records from the journal", replayed);
            }
            RedeemCodes redeem = new RedeemCodes(database, new SecureRandom(), clock, () -> {
                keys.invalidateAll();
                admission.invalidate();
            });
            GatewayAdmission gate = new GatewayAdmission(keys, admission);
            RelayMetrics metrics = open(opened, RelayMetrics.create(config.metrics(),
                    new RelayMetrics.Sources(database, accounts, coordination, settlement)));
            GatewayRoutes gateway = open(opened, new GatewayRoutes(config, trust, new GatewayRoutes.Collaborators(
                    gate, metrics.selector(selector),
                    key -> accounts.models(key.groupId(), () -> modelsOf(prices.get().catalogue(), key.platform())),
                    metrics.usageSink(admission.countingTokens(
                            new LiveEventSink(settlement, events, record -> estimate(calculator, record)))),
                    clock, gate)));
            AccountWatch watch = open(opened, new AccountWatch(database, coordination, events, clock, Duration.ofSeconds(5)));
            Parts parts = new Parts(database, coordination, keys, accounts, proxies, oauth, selector, renewer,
                    admission, redeem, settlement, gateway, scheduling, events, watch, prices, addresses, metrics,
                    rollupPruner);

            List<String> corsOrigins = config.server().corsOrigins();
            PathHandler routes = new PathHandler(new CorsHandler(corsOrigins, gateway.handler()))
                    .addExactPath("/healthz", HealthHandler.alive())
                    .addExactPath("/readyz", HealthHandler.ready(readiness(config, database, coordination)))
                    .addPrefixPath("/api", new CorsHandler(corsOrigins, api(config, parts, codec, cipher, trust, clock)));
            metrics.mount(routes);
            Dashboard.fromClasspath().mountOn(routes);
            GracefulShutdownHandler graceful = new GracefulShutdownHandler(routes);
            Undertow undertow = ClientLimits.apply(config.server(), Undertow.builder()
                    .addHttpListener(config.server().port(), config.server().host()))
                    .setByteBufferPool(BufferPool.withoutThreadCaches())
                    .setHandler(new BodyLimitHandler(config.server().maxBodyBytes(), graceful))
                    .build();
            undertow.start();
            return new RelaypoolServer(config, parts, graceful, undertow);
        } catch (RuntimeException e) {
            closeAll(opened);
            throw e;
        }
    }

    /** The REST API: every route of the table, authorised by its declared access, run on virtual threads. */
    private static ApiHandler api(RelaypoolConfig config, Parts parts, CredentialCodec codec, CredentialCipher cipher,
                                  Optional<UpstreamTrust> trust, Clock clock) {
        Database database = parts.database();
        AuthModule auth = new AuthModule(database, cipher, new PasswordHasher(),
                new LoginService.Policy(config.security().requireAdminTotp()), clock);
        AdminContext admin = new AdminContext(database, parts.accounts(), codec, parts.keys(), parts.coordination(),
                auth.tokensValidAfter(), new PasswordHasher(), parts.events(), parts.addresses(), parts.redeem(),
                parts.prices(), clock);
        List<Route<?>> routes = new ArrayList<>(auth.routes());
        routes.addAll(new AdminModule(admin, parts.oauth().flows(), config.security().proxyTestUrl(), trust)
                .routes());
        routes.addAll(new MemberModule(database, parts.keys(), parts.redeem(), clock).routes());
        routes.addAll(new EventStreamRoute(parts.events(), Duration.ofSeconds(15), Duration.ofMinutes(30)).routes());
        routes.addAll(AuditRoutes.routes(database));
        RouteTable table = RouteTable.of(routes, "Relaypool API", "v1");
        return new ApiHandler(table, auth.authenticator(), Executors.newVirtualThreadPerTaskExecutor(),
                new TrustedProxies(config.server().trustedProxies()));
    }

    private static List<HealthHandler.Probe> readiness(RelaypoolConfig config, Database database, Coordination coordination) {
        List<HealthHandler.Probe> probes = new ArrayList<>(List.of(new HealthHandler.Probe("database", database::ping)));
        if (config.redis().url().isPresent()) {
            probes.add(new HealthHandler.Probe("redis", coordination::ping));
        }
        return probes;
    }

    /** The list price of an answered request, for live events; billing's own figure is in the usage records. */
    private static BigDecimal estimate(CostCalculator prices, UsageRecord record) {
        if (!record.answered() || record.requestedModel() == null) {
            return BigDecimal.ZERO;
        }
        return switch (prices.quote(record.requestedModel(), record.platform(), record.tokens(), Multipliers.NONE)) {
            case PriceQuote.Priced priced -> priced.cost().total();
            case PriceQuote.Unpriced unpriced -> BigDecimal.ZERO;
        };
    }

    /** Models of the catalogue that belong to a platform, by the providers' naming. */
    private static List<String> modelsOf(PriceCatalogue catalogue, Platform platform) {
        return catalogue.models().stream().filter(model -> {
            String m = model.toLowerCase(Locale.ROOT);
            return switch (platform) {
                case ANTHROPIC -> m.startsWith("claude-");
                case OPENAI -> m.startsWith("gpt-") || m.matches("o\\d.*") || m.startsWith("codex-");
                case GEMINI -> m.startsWith("gemini-");
            };
        }).sorted().toList();
    }

    private static <T extends AutoCloseable> T open(List<AutoCloseable> opened, T resource) {
        opened.add(resource);
        return resource;
    }

    public Parts parts() {
        return parts;
    }

    public Database database() {
        return parts.database();
    }

    public int port() {
        return ((InetSocketAddress) undertow.getListenerInfo().getFirst().getAddress()).getPort();
    }

    /**
     * Graceful stop: refuse new requests (503), let in-flight ones finish within the grace period, stop the
     * listener, flush the usage not yet written, then close everything. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        graceful.shutdown();
        try {
            if (!graceful.awaitShutdown(config.server().shutdownGrace().toMillis())) {
                log.warn("Grace period of {} s over with requests still in flight; stopping anyway",
                        config.server().shutdownGrace().toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        undertow.stop();
        parts.gateway().close();
        if (!parts.settlement().flush(Duration.ofSeconds(10))) {
            log.warn("Usage not yet written stays in the journal and is replayed at the next start");
        }
        // closeAll goes from the end: metrics, live events, the watcher, the OAuth job and scheduling first, while the
        // database and coordination can still take their last state; then accounts, settlement (already flushed),
        // coordination, the database last
        closeAll(List.of(parts.database(), parts.coordination(), parts.prices(), parts.settlement(), parts.accounts(),
                parts.scheduling(), parts.oauth(), parts.watch(), parts.events(), parts.metrics(), parts.rollupPruner()));
    }

    private static void closeAll(List<AutoCloseable> resources) {
        for (AutoCloseable resource : resources.reversed()) {
            try {
                resource.close();
            } catch (Exception e) {
                log.warn("Closing {} failed: {}", resource.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
