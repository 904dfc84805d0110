package dev.relaypool.desktop.screenshots;

import dev.relaypool.desktop.api.AccountsApi;
import dev.relaypool.desktop.api.AdminResources;
import dev.relaypool.desktop.api.ApiResult;
import dev.relaypool.desktop.api.KeysApi;
import dev.relaypool.desktop.api.ListQuery;
import dev.relaypool.desktop.api.ServerEvent;
import dev.relaypool.desktop.api.StreamStatus;
import dev.relaypool.desktop.api.UsageApi;
import dev.relaypool.desktop.api.UsersApi;
import dev.relaypool.model.Platform;
import dev.relaypool.model.admin.*;
import dev.relaypool.model.api.Page;
import dev.relaypool.model.auth.ServerSettings;
import dev.relaypool.model.member.KeyCreateRequest;
import dev.relaypool.model.member.KeyCreated;
import dev.relaypool.model.member.KeyView;
import dev.relaypool.model.member.ModelUsage;
import dev.relaypool.model.member.UsageRecordView;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.Predicate;

/**
 * An in-memory admin server: a few accounts, users, keys and usage records that the screens can list, search and
 * change. Used by the screenshot run and, as the stub client, by the ViewModel tests ({@link #down} makes every
 * call fail as if the server were unreachable; {@link #emit} pushes a live event).
 */
public final class DemoResources {
    public final List<AccountView> accounts = new ArrayList<>();
    public final List<AdminUser> users = new ArrayList<>();
    public final List<KeyView> keys = new ArrayList<>();
    public final List<GroupView> groups = new ArrayList<>();
    public final List<UsageRecordView> usage = new ArrayList<>();
    public final List<DashboardBucket> series = new ArrayList<>();
    public final List<ListQuery> queries = new CopyOnWriteArrayList<>();
    public final List<BalanceAdjustRequest> adjustments = new ArrayList<>();
    public final List<AccountTestEvent> testStages = new ArrayList<>();
    public final Map<Long, List<GroupAccount>> groupAccounts = new HashMap<>();
    public final List<RedeemCodeView> redeemCodes = new ArrayList<>();
    public final List<SubscriptionView> subscriptions = new ArrayList<>();
    public final List<CataloguePrice> catalogue = new ArrayList<>();
    public final List<PriceOverride> overrides = new ArrayList<>();
    /** Catalogue files uploaded, as the server received them. */
    public final List<String> uploads = new ArrayList<>();
    public ServerSettings settings = new ServerSettings(ServerSettings.CLOSED);
    public final List<InvitationCodeView> invitations = new ArrayList<>();
    private final List<Consumer<ServerEvent>> listeners = new CopyOnWriteArrayList<>();
    final Clock clock;
    public volatile boolean down;
    private long nextId = 100;

    public DemoResources(Clock clock) {
        this.clock = clock;
    }

    public AdminResources resources() {
        return new AdminResources(new Accounts(), new Keys(), new Users(), new Usage(), (server, token, onEvent, onStatus) -> {
            listeners.add(onEvent);
            onStatus.accept(StreamStatus.LIVE);
            return () -> listeners.remove(onEvent);
        }, new DemoDirectory(this), new DemoDirectory.Codes(this), new DemoDirectory.Plans(this), new DemoPrices(this),
                new DemoPrices.Settings(this));
    }

    long nextId() {
        return nextId++;
    }

    public void emit(ServerEvent event) {
        listeners.forEach(l -> l.accept(event));
    }

    /** The example pool of the screenshots. */
    public DemoResources seeded() {
        Instant now = clock.instant();
        groups.add(new GroupView(1, "claude-team", "Claude for the team", Platform.ANTHROPIC, "balance", BigDecimal.ONE, false, null, null, null, null, null, "active", 2, now));
        groups.add(new GroupView(2, "openai", "GPT models", Platform.OPENAI, "balance", new BigDecimal("1.2"), false, null, null, null, null, null, "active", 1, now));
        accounts.add(account(1, "Anthropic key A", Platform.ANTHROPIC, "active", 2, null, null, 1));
        accounts.add(account(2, "Anthropic key B", Platform.ANTHROPIC, "active", 0, now.plus(Duration.ofSeconds(245)), "rate limited", 1));
        accounts.add(account(3, "OpenAI org", Platform.OPENAI, "error", 0, null, null, 2));
        users.add(user(1, "grace@example.com", "Grace Hopper", "admin", "42.50"));
        users.add(user(2, "alan@example.com", "Alan Turing", "member", "12.0042"));
        users.add(user(3, "ada@example.com", "Ada Lovelace", "member", "0"));
        keys.add(key(1, 2, 1, "laptop", "rp_4f2a", null));
        keys.add(key(2, 3, 2, "ci", "rp_9c01", new BigDecimal("25")));
        for (int i = 0; i < 60; i++) {
            Instant start = now.minus(Duration.ofMinutes(60 - i));
            long requests = 20 + (i * 7) % 23;
            series.add(new DashboardBucket(start, requests, i % 17 == 0 ? 2 : 0, requests * 900, requests * 300,
                    requests * 50, requests * 2000, new BigDecimal("0.021").multiply(BigDecimal.valueOf(requests)), 800L, 2100L, 4000L, 350L, 900L));
            usage.add(new UsageRecordView(i + 1, "req-" + i, now.minus(Duration.ofMinutes(i)), 2, 1, 1, 1L, "anthropic",
                    "/v1/messages", i % 3 == 0 ? "claude-opus-4" : "claude-sonnet-4", true, i % 19 == 0 ? 429 : 200,
                    1200 + i, 300 + i, 0, 0, 4000, new BigDecimal("0.0123"), new BigDecimal("0.0123"), 900 + i * 10L, 300L, null));
        }
        DemoDirectory.seed(this);
        DemoPrices.seed(this);
        return this;
    }

    private AccountView account(long id, String name, Platform platform, String status, int inUse, Instant cooldown, String reason, long group) {
        return new AccountView(id, name, platform, "api_key", null, null, 3, 50, status, true, Map.of(),
                "error".equals(status) ? "invalid x-api-key" : null, "", List.of(new GroupMembership(group, 50)), inUse, cooldown, reason,
                clock.instant().minus(Duration.ofMinutes(id)), clock.instant());
    }

    private AdminUser user(long id, String email, String name, String role, String balance) {
        return new AdminUser(id, email, name, role, "active", new BigDecimal(balance), null, null, null, "", false, clock.instant(), clock.instant());
    }

    private KeyView key(long id, long userId, long groupId, String name, String prefix, BigDecimal quota) {
        String group = groups.stream().filter(g -> g.id() == groupId).map(GroupView::name).findFirst().orElse("");
        return new KeyView(id, userId, groupId, group, name, prefix, "active", null, quota, new BigDecimal("3.25"), clock.instant(), clock.instant());
    }

    <T> ApiResult<Page<T>> page(List<T> all, ListQuery query, Predicate<T> matches) {
        queries.add(query);
        if (down) {
            return new ApiResult.Unreachable<>("Connection refused");
        }
        List<T> found = all.stream().filter(matches).toList();
        int from = Math.min(found.size(), query.page() * query.size());
        int to = Math.min(found.size(), from + query.size());
        return new ApiResult.Ok<>(new Page<>(found.subList(from, to), found.size(), query.page(), query.size()));
    }

    <T> ApiResult<T> ok(T value) {
        return down ? new ApiResult.Unreachable<>("Connection refused") : new ApiResult.Ok<>(value);
    }

    static boolean has(String text, ListQuery query) {
        return query.search().isEmpty() || text.toLowerCase().contains(query.search().toLowerCase());
    }

    static boolean is(String value, ListQuery query, String filter) {
        String wanted = query.filters().get(filter);
        return wanted == null || wanted.equals(value);
    }

    private final class Accounts implements AccountsApi {
        @Override
        public ApiResult<Page<AccountView>> list(URI server, String token, ListQuery query) {
            return page(accounts, query, a -> has(a.name(), query) && is(a.status(), query, "status") && is(a.platform().wireName(), query, "platform"));
        }

        @Override
        public ApiResult<AccountView> create(URI server, String token, AccountCreateRequest r) {
            AccountView made = new AccountView(nextId++, r.name(), r.platform(), "api_key", r.baseUrl(), null, r.concurrencyLimit(), r.priority(),
                    "active", true, Map.of(), null, r.notes(), r.groups(), 0, null, null, null, clock.instant());
            accounts.add(made);
            return ok(made);
        }

        @Override
        public ApiResult<AccountView> update(URI server, String token, long id, AccountUpdateRequest r) {
            return ok(accounts.stream().filter(a -> a.id() == id).findFirst().orElseThrow());
        }

        @Override
        public ApiResult<Void> setEnabled(URI server, String token, long id, boolean enabled) {
            accounts.replaceAll(a -> a.id() != id ? a : new AccountView(a.id(), a.name(), a.platform(), a.type(), a.baseUrl(), a.proxyId(),
                    a.concurrencyLimit(), a.priority(), enabled ? "active" : "disabled", a.schedulable(), a.modelMapping(), null, a.notes(),
                    a.groups(), a.concurrencyInUse(), a.cooldownUntil(), a.cooldownReason(), a.lastUsedAt(), a.createdAt()));
            return ok(null);
        }

        @Override
        public ApiResult<Void> clearCooldown(URI server, String token, long id) {
            accounts.replaceAll(a -> a.id() != id ? a : new AccountView(a.id(), a.name(), a.platform(), a.type(), a.baseUrl(), a.proxyId(),
                    a.concurrencyLimit(), a.priority(), a.status(), a.schedulable(), a.modelMapping(), a.errorMessage(), a.notes(),
                    a.groups(), a.concurrencyInUse(), null, null, a.lastUsedAt(), a.createdAt()));
            return ok(null);
        }

        @Override
        public ApiResult<AccountTestEvent> test(URI server, String token, long id, Consumer<AccountTestEvent> progress) {
            testStages.forEach(progress);
            return testStages.isEmpty() ? new ApiResult.Failed<>(200, "the server sent no test result") : ok(testStages.getLast());
        }

        @Override
        public ApiResult<AccountExport> export(URI server, String token) {
            return ok(new AccountExport(AccountExport.VERSION, clock.instant(), false, accounts.stream().map(a -> new AccountExportItem(
                    a.name(), a.platform(), a.type(), a.baseUrl(), null, a.concurrencyLimit(), a.priority(), a.modelMapping(), a.notes(), List.of())).toList()));
        }

        @Override
        public ApiResult<ImportResult> importAccounts(URI server, String token, AccountExport export) {
            return ok(new ImportResult(export.accounts().size(), 0, List.of()));
        }
    }

    private final class Keys implements KeysApi {
        @Override
        public ApiResult<Page<KeyView>> list(URI server, String token, ListQuery query) {
            return page(keys, query, k -> has(k.name() + " " + k.prefix(), query) && is(k.status(), query, "status"));
        }

        @Override
        public ApiResult<KeyCreated> create(URI server, String token, long userId, KeyCreateRequest r) {
            long id = nextId++;
            String group = groups.stream().filter(g -> g.id() == r.groupId()).map(GroupView::name).findFirst().orElse("");
            KeyView view = new KeyView(id, userId, r.groupId(), group, r.name(), "rp_" + id, "active", r.expiresAt(), r.quotaUsd(),
                    BigDecimal.ZERO, null, clock.instant());
            keys.add(view);
            return ok(new KeyCreated(view, "rp_" + id + "_demo0123456789abcdefghijklmnopqrstuv"));
        }

        @Override
        public ApiResult<Void> setEnabled(URI server, String token, KeyView key, boolean enabled) {
            keys.replaceAll(k -> k.id() != key.id() ? k : withStatus(k, enabled ? "active" : "disabled"));
            return ok(null);
        }

        @Override
        public ApiResult<Void> revoke(URI server, String token, KeyView key) {
            keys.replaceAll(k -> k.id() != key.id() ? k : withStatus(k, "revoked"));
            return ok(null);
        }

        private KeyView withStatus(KeyView k, String status) {
            return new KeyView(k.id(), k.userId(), k.groupId(), k.groupName(), k.name(), k.prefix(), status, k.expiresAt(),
                    k.quotaUsd(), k.usedUsd(), k.lastUsedAt(), k.createdAt());
        }
    }

    private final class Users implements UsersApi {
        @Override
        public ApiResult<Page<AdminUser>> list(URI server, String token, ListQuery query) {
            return page(users, query, u -> has(u.email() + " " + u.displayName(), query) && is(u.role(), query, "role")
                    && is(u.status(), query, "status"));
        }

        @Override
        public ApiResult<AdminUser> create(URI server, String token, UserCreateRequest r) {
            AdminUser made = new AdminUser(nextId++, r.email(), r.displayName(), r.role(), "active", BigDecimal.ZERO,
                    null, null, null, "", false, null, clock.instant());
            users.add(made);
            return ok(made);
        }

        @Override
        public ApiResult<AdminUser> update(URI server, String token, long id, UserUpdateRequest r) {
            users.replaceAll(u -> u.id() != id || r.status() == null ? u : new AdminUser(u.id(), u.email(), u.displayName(), u.role(),
                    r.status(), u.balance(), u.concurrencyLimit(), u.rpmLimit(), u.tpmLimit(), u.notes(), u.totpEnabled(), u.lastLoginAt(), u.createdAt()));
            return ok(users.stream().filter(u -> u.id() == id).findFirst().orElseThrow());
        }

        @Override
        public ApiResult<Void> adjustBalance(URI server, String token, long id, BalanceAdjustRequest r) {
            adjustments.add(r);
            users.replaceAll(u -> u.id() != id ? u : new AdminUser(u.id(), u.email(), u.displayName(), u.role(), u.status(),
                    u.balance().add(r.amount()), u.concurrencyLimit(), u.rpmLimit(), u.tpmLimit(), u.notes(), u.totpEnabled(), u.lastLoginAt(), u.createdAt()));
            return ok(null);
        }
    }

    private final class Usage implements UsageApi {
        @Override
        public ApiResult<Page<UsageRecordView>> list(URI server, String token, ListQuery query) {
            return page(usage, query, r -> has(r.requestId() + " " + r.model(), query) && is(r.model(), query, "model"));
        }

        @Override
        public ApiResult<Long> exportCsv(URI server, String token, ListQuery query, OutputStream sink, LongConsumer progress,
                                         BooleanSupplier cancelled) {
            if (down) {
                return new ApiResult.Unreachable<>("Connection refused");
            }
            long written = 0;
            try {
                for (UsageRecordView r : usage) {
                    if (cancelled.getAsBoolean()) {
                        return new ApiResult.Failed<>(0, dev.relaypool.desktop.api.RestClient.CANCELLED);
                    }
                    byte[] line = (r.requestId() + "," + r.model() + "," + r.cost() + "\n").getBytes(StandardCharsets.UTF_8);
                    sink.write(line);
                    written += line.length;
                    progress.accept(written);
                }
            } catch (IOException e) {
                return new ApiResult.Unreachable<>(e.getMessage());
            }
            return new ApiResult.Ok<>(written);
        }

        @Override
        public ApiResult<List<DashboardBucket>> series(URI server, String token, String bucket, Instant from, Instant to) {
            return ok(List.copyOf(series));
        }

        @Override
        public ApiResult<List<ModelUsage>> models(URI server, String token, Instant from, Instant to) {
            return ok(List.of(new ModelUsage("claude-sonnet-4", 820, 1_200_000, 300_000, 40_000, 2_000_000, new BigDecimal("14.20")),
                    new ModelUsage("claude-opus-4", 140, 400_000, 90_000, 10_000, 600_000, new BigDecimal("22.75")),
                    new ModelUsage("gpt-5", 300, 500_000, 120_000, 0, 0, new BigDecimal("6.10"))));
        }
    }
}
