package dev.relaypool.server.admin;

import static dev.relaypool.server.storage.schema.Tables.PROXIES;

import dev.relaypool.model.admin.ProxyRequest;
import dev.relaypool.model.admin.ProxyTestRequest;
import dev.relaypool.model.admin.ProxyTestResult;
import dev.relaypool.model.admin.ProxyView;
import dev.relaypool.server.gateway.UpstreamProxy;
import dev.relaypool.server.api.Access;
import dev.relaypool.server.api.ApiRequest;
import dev.relaypool.server.api.ApiResponse;
import dev.relaypool.server.api.ApiTypes;
import dev.relaypool.server.api.Route;
import dev.relaypool.server.audit.Audit;
import dev.relaypool.server.gateway.upstream.UpstreamTrust;
import dev.relaypool.server.members.Problems;
import dev.relaypool.server.storage.schema.tables.records.ProxiesRecord;
import java.net.URI;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.List;
import java.util.Map;

/** {@code /api/v1/admin/proxies}: outbound proxies; the password is write-only (stored encrypted). */
final class ProxyRoutes {
    private static final String BASE = "/api/v1/admin/proxies";
    private final AdminContext ctx;
    private final ProxyTester tester;

    ProxyRoutes(AdminContext ctx, URI proxyTestUrl, Optional<UpstreamTrust> trust) {
        this.ctx = ctx;
        this.tester = new ProxyTester(ctx.addresses(), proxyTestUrl, trust);
    }

    List<Route<?>> routes() {
        return List.of(
                Route.of("GET", BASE, Access.ADMIN, "Proxies", ApiTypes.listOf(ProxyView.class), Problems.guarded(r ->
                        ApiResponse.ok(ctx.database().dsl().selectFrom(PROXIES).orderBy(PROXIES.ID).fetch(ProxyRoutes::view)))),
                Route.of("POST", BASE, Access.ADMIN, "Create a proxy", ProxyRequest.class, ProxyView.class,
                        Problems.guarded(r -> save(r, null))),
                Route.of("PUT", BASE + "/{id}", Access.ADMIN, "Replace a proxy (null password keeps it, \"\" removes it)",
                        ProxyRequest.class, ProxyView.class, Problems.guarded(r -> save(r, Problems.id(r, "id")))),
                Route.of("DELETE", BASE + "/{id}", Access.ADMIN, "Delete a proxy (its accounts go direct)", Void.class,
                        Problems.guarded(this::delete)),
                Route.of("POST", BASE + "/{id}/test", Access.ADMIN,
                        "Connect through the proxy to a URL (default security.proxy-test-url): ok and latency, or the error in words",
                        ProxyTestRequest.class, ProxyTestResult.class, Problems.guarded(this::test)));
    }

    private ApiResponse save(ApiRequest<ProxyRequest> request, Long id) {
        ProxyRequest body = request.body();
        ProxiesRecord saved = ctx.database().transactionResult(tx -> {
            ProxiesRecord row = id == null ? tx.newRecord(PROXIES)
                    : tx.selectFrom(PROXIES).where(PROXIES.ID.eq(id)).forUpdate().fetchOptional()
                            .orElseThrow(() -> Problems.notFound("proxy"));
            row.setName(body.name());
            row.setProtocol(body.protocol());
            row.setHost(body.host());
            row.setPort(body.port());
            row.setUsername(body.username());
            if (body.password() != null) {
                row.setPassword(body.password().isEmpty() ? null : ctx.codec().encryptSecret(body.password()));
            }
            row.setStatus(body.status());
            row.setUpdatedAt(ctx.clock().instant().atOffset(ZoneOffset.UTC));
            row.store();
            Audit.record(tx, request, id == null ? "proxy.created" : "proxy.updated", "proxy", row.getId(),
                    Audit.change(body));
            return row;
        });
        ctx.accounts().reload();
        return id == null ? ApiResponse.created(view(saved)) : ApiResponse.ok(view(saved));
    }

    private ApiResponse test(ApiRequest<ProxyTestRequest> request) {
        long id = Problems.id(request, "id");
        ProxiesRecord row = ctx.database().dsl().selectFrom(PROXIES).where(PROXIES.ID.eq(id)).fetchOptional()
                .orElseThrow(() -> Problems.notFound("proxy"));
        Optional<String> requested = Optional.ofNullable(request.body() == null ? null : request.body().url());
        requested.flatMap(tester::refusal).ifPresent(reason -> {
            throw Problems.badRequest(reason);
        });
        URI target;
        try {
            target = tester.target(requested);
        } catch (IllegalArgumentException e) {
            throw Problems.badRequest("url is not a URL");
        }
        byte[] password = row.getPassword();
        UpstreamProxy proxy = new UpstreamProxy("socks5".equals(row.getProtocol()) ? UpstreamProxy.Type.SOCKS5
                : UpstreamProxy.Type.HTTP, row.getHost(), row.getPort(), Optional.ofNullable(row.getUsername()),
                password == null ? Optional.empty() : Optional.of(ctx.codec().decryptSecret(password)));
        return ApiResponse.ok(tester.test(proxy, target));
    }

    private ApiResponse delete(ApiRequest<Void> request) {
        long id = Problems.id(request, "id");
        ctx.database().transaction(tx -> {
            if (tx.deleteFrom(PROXIES).where(PROXIES.ID.eq(id)).execute() == 0) {
                throw Problems.notFound("proxy");
            }
            Audit.record(tx, request, "proxy.deleted", "proxy", id, Map.of());
        });
        ctx.accounts().reload();
        return ApiResponse.noContent();
    }

    private static ProxyView view(ProxiesRecord r) {
        return new ProxyView(r.getId(), r.getName(), r.getProtocol(), r.getHost(), r.getPort(), r.getUsername(),
                r.getPassword() != null, r.getStatus());
    }
}
