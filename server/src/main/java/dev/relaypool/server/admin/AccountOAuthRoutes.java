package dev.relaypool.server.admin;

import static dev.relaypool.server.storage.schema.Tables.UPSTREAM_ACCOUNTS;

import dev.relaypool.model.admin.AccountView;
import dev.relaypool.model.admin.AccountWindows;
import dev.relaypool.model.admin.OAuthFinishRequest;
import dev.relaypool.model.admin.OAuthStartRequest;
import dev.relaypool.model.admin.OAuthStarted;
import dev.relaypool.server.accounts.oauth.FlowFinish;
import dev.relaypool.server.accounts.oauth.FlowStart;
import dev.relaypool.server.accounts.oauth.OAuthDraft;
import dev.relaypool.server.accounts.oauth.OAuthFlows;
import dev.relaypool.server.api.Access;
import dev.relaypool.server.api.ApiRequest;
import dev.relaypool.server.api.ApiResponse;
import dev.relaypool.server.api.ApiTypes;
import dev.relaypool.server.api.Route;
import dev.relaypool.server.audit.Audit;
import dev.relaypool.server.members.Problems;
import dev.relaypool.server.scheduling.RateLimitWindows;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * OAuth sign-in of an account over REST ({@code oauth/start} → the provider page → {@code oauth/finish} with what the
 * redirect carried), and every account's last reported rate-limit windows ({@code windows}, as persisted by the
 * scheduler's periodic flush, so a few seconds behind the live state).
 */
final class AccountOAuthRoutes {
    private static final String BASE = AccountRoutes.BASE;
    private final AdminContext ctx;
    private final OAuthFlows flows;

    AccountOAuthRoutes(AdminContext ctx, OAuthFlows flows) {
        this.ctx = ctx;
        this.flows = flows;
    }

    List<Route<?>> routes() {
        return List.of(
                Route.of("POST", BASE + "/oauth/start", Access.ADMIN,
                        "Start an OAuth sign-in: the provider page to open and the state its redirect carries back",
                        OAuthStartRequest.class, OAuthStarted.class, Problems.guarded(this::start)),
                Route.of("POST", BASE + "/oauth/finish", Access.ADMIN,
                        "Finish an OAuth sign-in with the redirect's code (bare, code#state or the redirect URL)",
                        OAuthFinishRequest.class, AccountView.class, Problems.guarded(this::finish)),
                Route.of("GET", BASE + "/windows", Access.ADMIN,
                        "Each account's last reported 5-hour and 7-day rate-limit windows (subscription accounts)",
                        ApiTypes.listOf(AccountWindows.class), Problems.guarded(r -> ApiResponse.ok(windows()))));
    }

    private ApiResponse start(ApiRequest<OAuthStartRequest> request) {
        OAuthStartRequest body = request.body();
        OAuthDraft draft;
        try {
            draft = body.accountId() != null ? OAuthDraft.reauthorise(body.accountId(), body.platform())
                    : new OAuthDraft(body.name(), body.platform(), Optional.ofNullable(body.baseUrl()),
                    Optional.ofNullable(body.proxyId()), Optional.empty());
        } catch (IllegalArgumentException e) {
            throw Problems.badRequest(e.getMessage());
        }
        return switch (flows.start(draft)) {
            case FlowStart.Started s -> ApiResponse.ok(new OAuthStarted(s.authorizeUrl(), s.state(), s.expiresAt()));
            case FlowStart.Refused r -> throw Problems.badRequest(r.reason());
        };
    }

    private ApiResponse finish(ApiRequest<OAuthFinishRequest> request) {
        OAuthFinishRequest body = request.body();
        return switch (flows.finish(Optional.ofNullable(body.state()), body.code())) {
            case FlowFinish.Connected c -> {
                ctx.database().transaction(tx -> Audit.record(tx, request, "account.oauth_connected", "account",
                        c.accountId(), Map.of()));
                yield ApiResponse.ok(new AccountStore(ctx.database().dsl(), ctx.coordination()).find(c.accountId())
                        .orElseThrow(() -> Problems.notFound("account")));
            }
            case FlowFinish.Refused r -> throw Problems.badRequest(r.reason());
        };
    }

    private List<AccountWindows> windows() {
        return ctx.database().dsl().select(UPSTREAM_ACCOUNTS.ID, UPSTREAM_ACCOUNTS.RATE_LIMIT_STATE).from(UPSTREAM_ACCOUNTS)
                .where(UPSTREAM_ACCOUNTS.RATE_LIMIT_STATE.isNotNull()).orderBy(UPSTREAM_ACCOUNTS.ID)
                .fetch().stream()
                .flatMap(r -> RateLimitWindows.fromJson(r.value2().data()).map(w -> view(r.value1(), w)).stream())
                .toList();
    }

    private static AccountWindows view(long id, RateLimitWindows w) {
        return new AccountWindows(id, w.fiveHour().map(AccountOAuthRoutes::window).orElse(null),
                w.sevenDay().map(AccountOAuthRoutes::window).orElse(null), w.observedAt());
    }

    private static AccountWindows.Window window(RateLimitWindows.Window w) {
        return new AccountWindows.Window(w.status(), w.utilization().orElse(null), w.resetsAt().orElse(null));
    }
}
