package dev.relaypool.desktop.screenshots;

import dev.relaypool.desktop.api.ApiResult;
import dev.relaypool.desktop.api.DirectoryApi;
import dev.relaypool.desktop.api.ListQuery;
import dev.relaypool.desktop.api.RedeemCodesApi;
import dev.relaypool.desktop.api.SubscriptionsApi;
import dev.relaypool.model.Platform;
import dev.relaypool.model.admin.AccountView;
import dev.relaypool.model.admin.GroupAccount;
import dev.relaypool.model.admin.GroupRequest;
import dev.relaypool.model.admin.GroupView;
import dev.relaypool.model.admin.RedeemBatch;
import dev.relaypool.model.admin.RedeemCodeView;
import dev.relaypool.model.admin.RedeemGenerateRequest;
import dev.relaypool.model.admin.SubscriptionAssignRequest;
import dev.relaypool.model.admin.SubscriptionExtendRequest;
import dev.relaypool.model.admin.SubscriptionView;
import dev.relaypool.model.api.Page;
import dev.relaypool.model.member.SubscriptionProgress;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The pretend server's groups (with their accounts), redeem codes and subscriptions. */
final class DemoDirectory implements DirectoryApi {
    private final DemoResources demo;

    DemoDirectory(DemoResources demo) {
        this.demo = demo;
    }

    static void seed(DemoResources demo) {
        Instant now = demo.clock.instant();
        demo.groups.add(new GroupView(3, "claude-pro-plan", "Monthly plan with Claude", Platform.ANTHROPIC, "subscription",
                BigDecimal.ONE, false, new BigDecimal("5"), new BigDecimal("25"), new BigDecimal("80"), 60, 400_000L, "active", 1, now));
        demo.groupAccounts.put(1L, new ArrayList<>(List.of(new GroupAccount(1, "Anthropic key A", "active", 10),
                new GroupAccount(2, "Anthropic key B", "active", 50))));
        demo.groupAccounts.put(2L, new ArrayList<>(List.of(new GroupAccount(3, "OpenAI org", "error", 50))));
        demo.groupAccounts.put(3L, new ArrayList<>(List.of(new GroupAccount(1, "Anthropic key A", "active", 50))));
        String[] codes = {"RP-7KQ2-M9XD-4TFA", "RP-P3VN-8WCE-Q2LR", "RP-H6ZJ-2YBT-9KMS", "RP-D4GX-7NQA-5VEP"};
        for (int i = 0; i < codes.length; i++) {
            boolean used = i == 0;
            demo.redeemCodes.add(new RedeemCodeView(i + 1, codes[i], i < 2 ? "balance" : "subscription",
                    i < 2 ? new BigDecimal("20") : BigDecimal.ONE, i < 2 ? null : 3L, i < 2 ? null : 30,
                    used ? "used" : i == 3 ? "disabled" : "unused", used ? 2L : null, used ? now.minus(Duration.ofHours(3)) : null,
                    now.plus(Duration.ofDays(90)), i < 2 ? "b-2026-01" : "b-2026-02", i < 2 ? "workshop" : "trial month", now.minus(Duration.ofDays(2))));
        }
        demo.subscriptions.add(new SubscriptionView(1, 2, 3, "claude-pro-plan", now.minus(Duration.ofDays(12)),
                now.plus(Duration.ofDays(18)), "active", new BigDecimal("3.10"), new BigDecimal("11.40"), new BigDecimal("41.75"), now));
        demo.subscriptions.add(new SubscriptionView(2, 3, 3, "claude-pro-plan", now.minus(Duration.ofDays(40)),
                now.minus(Duration.ofDays(10)), "expired", BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, now));
    }

    @Override
    public ApiResult<Page<GroupView>> groups(URI server, String token, ListQuery query) {
        return demo.page(demo.groups, query, g -> DemoResources.has(g.name() + " " + g.description(), query)
                && DemoResources.is(g.platform().wireName(), query, "platform")
                && DemoResources.is(g.billingType(), query, "billingType") && DemoResources.is(g.status(), query, "status"));
    }

    @Override
    public ApiResult<GroupView> createGroup(URI server, String token, GroupRequest r) {
        GroupView made = view(demo.nextId(), r, 0);
        demo.groups.add(made);
        return demo.ok(made);
    }

    @Override
    public ApiResult<GroupView> updateGroup(URI server, String token, long id, GroupRequest r) {
        demo.groups.replaceAll(g -> g.id() == id ? view(id, r, g.accountCount()) : g);
        return demo.ok(demo.groups.stream().filter(g -> g.id() == id).findFirst().orElseThrow());
    }

    private GroupView view(long id, GroupRequest r, int accounts) {
        return new GroupView(id, r.name(), r.description(), r.platform(), r.billingType(), r.rateMultiplier(), r.exclusive(),
                r.dailyLimitUsd(), r.weeklyLimitUsd(), r.monthlyLimitUsd(), r.rpmLimit(), r.tpmLimit(), r.status(), accounts,
                demo.clock.instant());
    }

    @Override
    public ApiResult<Void> deleteGroup(URI server, String token, long id) {
        if (demo.keys.stream().anyMatch(k -> k.groupId() == id)) {
            return new ApiResult.Failed<>(409, "keys belong to this group; move or delete them first, or disable the group");
        }
        demo.groups.removeIf(g -> g.id() == id);
        return demo.ok(null);
    }

    @Override
    public ApiResult<List<GroupAccount>> groupAccounts(URI server, String token, long groupId) {
        return demo.ok(List.copyOf(demo.groupAccounts.getOrDefault(groupId, List.of())));
    }

    @Override
    public ApiResult<List<GroupAccount>> linkAccount(URI server, String token, long groupId, long accountId, int priority) {
        AccountView account = demo.accounts.stream().filter(a -> a.id() == accountId).findFirst().orElseThrow();
        List<GroupAccount> members = demo.groupAccounts.computeIfAbsent(groupId, id -> new ArrayList<>());
        members.removeIf(m -> m.accountId() == accountId);
        members.add(new GroupAccount(accountId, account.name(), account.status(), priority));
        members.sort(Comparator.comparingInt(GroupAccount::priority).thenComparingLong(GroupAccount::accountId));
        counted(groupId);
        return groupAccounts(server, token, groupId);
    }

    @Override
    public ApiResult<Void> unlinkAccount(URI server, String token, long groupId, long accountId) {
        demo.groupAccounts.getOrDefault(groupId, new ArrayList<>()).removeIf(m -> m.accountId() == accountId);
        counted(groupId);
        return demo.ok(null);
    }

    private void counted(long groupId) {
        int count = demo.groupAccounts.getOrDefault(groupId, List.of()).size();
        demo.groups.replaceAll(g -> g.id() != groupId ? g : new GroupView(g.id(), g.name(), g.description(), g.platform(),
                g.billingType(), g.rateMultiplier(), g.exclusive(), g.dailyLimitUsd(), g.weeklyLimitUsd(), g.monthlyLimitUsd(),
                g.rpmLimit(), g.tpmLimit(), g.status(), count, g.createdAt()));
    }

    static final class Codes implements RedeemCodesApi {
        private final DemoResources demo;

        Codes(DemoResources demo) {
            this.demo = demo;
        }

        @Override
        public ApiResult<Page<RedeemCodeView>> list(URI server, String token, ListQuery query) {
            return demo.page(demo.redeemCodes, query, c -> DemoResources.has(c.code() + " " + c.notes(), query)
                    && DemoResources.is(c.status(), query, "status") && DemoResources.is(c.type(), query, "type"));
        }

        @Override
        public ApiResult<RedeemBatch> generate(URI server, String token, RedeemGenerateRequest r) {
            String batch = "b-" + demo.nextId();
            List<RedeemCodeView> made = new ArrayList<>();
            for (int i = 0; i < r.count(); i++) {
                long id = demo.nextId();
                made.add(new RedeemCodeView(id, "RP-DEMO-%04d".formatted(id), r.type(), r.value(), r.groupId(), r.validityDays(),
                        "unused", null, null, r.expiresAt(), batch, r.notes(), demo.clock.instant()));
            }
            demo.redeemCodes.addAll(made);
            return demo.ok(new RedeemBatch(batch, made));
        }

        @Override
        public ApiResult<RedeemCodeView> disable(URI server, String token, long id) {
            RedeemCodeView c = demo.redeemCodes.stream().filter(x -> x.id() == id).findFirst().orElseThrow();
            if (!c.status().equals("unused")) {
                return new ApiResult.Failed<>(409, "only an unused code can be disabled");
            }
            RedeemCodeView off = new RedeemCodeView(c.id(), c.code(), c.type(), c.value(), c.groupId(), c.validityDays(), "disabled",
                    null, null, c.expiresAt(), c.batchId(), c.notes(), c.createdAt());
            demo.redeemCodes.replaceAll(x -> x.id() == id ? off : x);
            return demo.ok(off);
        }

        @Override
        public ApiResult<Long> exportCsv(URI server, String token, String batchId, OutputStream sink) {
            if (demo.down) {
                return new ApiResult.Unreachable<>("Connection refused");
            }
            StringBuilder csv = new StringBuilder("code,type,value,group_id,validity_days,expires_at\n");
            demo.redeemCodes.stream().filter(c -> batchId.equals(c.batchId())).forEach(c -> csv.append(c.code()).append(',')
                    .append(c.type()).append(',').append(c.value().toPlainString()).append(',')
                    .append(c.groupId() == null ? "" : c.groupId()).append(',')
                    .append(c.validityDays() == null ? "" : c.validityDays()).append(',')
                    .append(c.expiresAt() == null ? "" : c.expiresAt()).append('\n'));
            byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
            try {
                sink.write(bytes);
            } catch (IOException e) {
                return new ApiResult.Failed<>(0, "could not write: " + e.getMessage());
            }
            return demo.ok((long) bytes.length);
        }
    }

    static final class Plans implements SubscriptionsApi {
        private final DemoResources demo;

        Plans(DemoResources demo) {
            this.demo = demo;
        }

        @Override
        public ApiResult<Page<SubscriptionView>> list(URI server, String token, ListQuery query) {
            return demo.page(demo.subscriptions, query, s -> DemoResources.is(s.status(), query, "status"));
        }

        @Override
        public ApiResult<SubscriptionView> assign(URI server, String token, SubscriptionAssignRequest r) {
            GroupView group = demo.groups.stream().filter(g -> g.id() == r.groupId()).findFirst().orElseThrow();
            if (!group.billingType().equals("subscription")) {
                return new ApiResult.Failed<>(400, "the group does not bill by subscription");
            }
            Instant now = demo.clock.instant();
            SubscriptionView made = new SubscriptionView(demo.nextId(), r.userId(), r.groupId(), group.name(), now,
                    now.plus(Duration.ofDays(r.days())), "active", BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, now);
            demo.subscriptions.add(made);
            return demo.ok(made);
        }

        @Override
        public ApiResult<SubscriptionView> extend(URI server, String token, long id, SubscriptionExtendRequest r) {
            return change(id, s -> new SubscriptionView(s.id(), s.userId(), s.groupId(), s.groupName(), s.startsAt(),
                    s.expiresAt().plus(Duration.ofDays(r.days())), s.status(), s.dailyUsageUsd(), s.weeklyUsageUsd(),
                    s.monthlyUsageUsd(), s.createdAt()));
        }

        @Override
        public ApiResult<SubscriptionView> revoke(URI server, String token, long id) {
            return change(id, s -> new SubscriptionView(s.id(), s.userId(), s.groupId(), s.groupName(), s.startsAt(),
                    s.expiresAt(), "cancelled", s.dailyUsageUsd(), s.weeklyUsageUsd(), s.monthlyUsageUsd(), s.createdAt()));
        }

        private ApiResult<SubscriptionView> change(long id, java.util.function.UnaryOperator<SubscriptionView> how) {
            demo.subscriptions.replaceAll(s -> s.id() == id ? how.apply(s) : s);
            return demo.ok(demo.subscriptions.stream().filter(s -> s.id() == id).findFirst().orElseThrow());
        }

        @Override
        public ApiResult<SubscriptionProgress> progress(URI server, String token, long id) {
            SubscriptionView s = demo.subscriptions.stream().filter(x -> x.id() == id).findFirst().orElseThrow();
            GroupView g = demo.groups.stream().filter(x -> x.id() == s.groupId()).findFirst().orElseThrow();
            Instant now = demo.clock.instant();
            return demo.ok(new SubscriptionProgress(s.id(), g.id(), g.name(), s.expiresAt(),
                    s.dailyUsageUsd(), g.dailyLimitUsd(), now.plus(Duration.ofHours(7)),
                    s.weeklyUsageUsd(), g.weeklyLimitUsd(), now.plus(Duration.ofDays(3)),
                    s.monthlyUsageUsd(), g.monthlyLimitUsd(), now.plus(Duration.ofDays(18))));
        }
    }
}
