package dev.relaypool.server.admin;

import static dev.relaypool.server.storage.schema.Tables.ACCOUNT_GROUPS;
import static dev.relaypool.server.storage.schema.Tables.GROUPS;
import static dev.relaypool.server.storage.schema.Tables.UPSTREAM_ACCOUNTS;

import dev.relaypool.model.Platform;
import dev.relaypool.model.admin.AccountExport;
import dev.relaypool.model.admin.AccountExportItem;
import dev.relaypool.model.admin.AccountTestEvent;
import dev.relaypool.model.admin.ImportResult;
import dev.relaypool.server.accounts.AccountCredentials;
import dev.relaypool.server.api.Access;
import dev.relaypool.server.api.ApiRequest;
import dev.relaypool.server.api.ApiResponse;
import dev.relaypool.server.api.Json;
import dev.relaypool.server.api.Route;
import dev.relaypool.server.audit.Audit;
import dev.relaypool.server.members.Problems;
import dev.relaypool.server.storage.schema.tables.records.UpstreamAccountsRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Account tools: {@code POST .../{id}/test} (a real minimal request, streamed back as SSE progress events) and
 * JSON export / import. Export leaves secrets out unless {@code ?includeSecrets=true&confirm=EXPORT-SECRETS}.
 */
final class AccountToolRoutes {
    static final String CONFIRM = "EXPORT-SECRETS";
    private static final String BASE = AccountRoutes.BASE;
    private static final Map<Platform, String> OFFICIAL = Map.of(Platform.ANTHROPIC, "https://api.anthropic.com",
            Platform.OPENAI, "https://api.openai.com", Platform.GEMINI, "https://generativelanguage.googleapis.com");
    private final AdminContext ctx;
    private final AccountTester tester = new AccountTester();

    AccountToolRoutes(AdminContext ctx) {
        this.ctx = ctx;
    }

    List<Route<?>> routes() {
        return List.of(
                Route.of("POST", BASE + "/{id}/test", Access.ADMIN,
                        "Test the account with a minimal real request (?model=); text/event-stream of AccountTestEvent",
                        AccountTestEvent.class, Problems.guarded(this::test)),
                Route.of("GET", BASE + "/export", Access.ADMIN,
                        "Export accounts as JSON; secrets only with ?includeSecrets=true&confirm=" + CONFIRM,
                        AccountExport.class, Problems.guarded(this::export)),
                Route.of("POST", BASE + "/import", Access.ADMIN, "Import accounts (items without apiKey are skipped)",
                        AccountExport.class, ImportResult.class, Problems.guarded(this::importAccounts)));
    }

    private ApiResponse test(ApiRequest<Void> request) {
        long id = Problems.id(request, "id");
        UpstreamAccountsRecord row = ctx.database().dsl().selectFrom(UPSTREAM_ACCOUNTS).where(UPSTREAM_ACCOUNTS.ID.eq(id))
                .fetchOptional().orElseThrow(() -> Problems.notFound("account"));
        Platform platform = Platform.fromWire(row.getPlatform());
        String model = request.queryParameter("model").filter(m -> m.matches("[A-Za-z0-9._:\\-/]{1,100}"))
                .orElse(AccountTester.DEFAULT_MODELS.get(platform));
        AccountTester.Target target = new AccountTester.Target(platform,
                row.getBaseUrl() == null ? OFFICIAL.get(platform) : row.getBaseUrl(),
                ctx.codec().decrypt(row.getCredentials()), model);
        ctx.database().transaction(tx -> Audit.record(tx, request, "account.tested", "account", id, Map.of("model", model)));
        return ApiResponse.streamed("text/event-stream; charset=utf-8", out -> {
            try {
                tester.run(target, event -> {
                    try {
                        out.write(("event: " + event.stage() + "\ndata: " + Json.MAPPER.writeValueAsString(event) + "\n\n")
                                .getBytes(StandardCharsets.UTF_8));
                        out.flush();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }).withHeader("X-Accel-Buffering", "no");
    }

    private ApiResponse export(ApiRequest<Void> request) {
        boolean secrets = "true".equals(request.query().get("includeSecrets"));
        if (secrets && !CONFIRM.equals(request.query().get("confirm"))) {
            throw Problems.badRequest("exporting secrets needs confirm=" + CONFIRM);
        }
        List<AccountExportItem> items = new ArrayList<>();
        for (UpstreamAccountsRecord row : ctx.database().dsl().selectFrom(UPSTREAM_ACCOUNTS).orderBy(UPSTREAM_ACCOUNTS.ID).fetch()) {
            String apiKey = secrets && ctx.codec().decrypt(row.getCredentials()) instanceof AccountCredentials.ApiKey key
                    ? key.apiKey() : null;
            List<String> groups = ctx.database().dsl().select(GROUPS.NAME).from(ACCOUNT_GROUPS).join(GROUPS)
                    .on(GROUPS.ID.eq(ACCOUNT_GROUPS.GROUP_ID)).where(ACCOUNT_GROUPS.ACCOUNT_ID.eq(row.getId()))
                    .orderBy(GROUPS.NAME).fetch(GROUPS.NAME);
            items.add(new AccountExportItem(row.getName(), Platform.fromWire(row.getPlatform()), row.getType(),
                    row.getBaseUrl(), apiKey, row.getConcurrencyLimit(), row.getPriority(),
                    AccountStore.mapping(row.getModelMapping()), row.getNotes(), groups));
        }
        ctx.database().transaction(tx -> Audit.record(tx, request, "account.exported", "account", null,
                Map.of("count", items.size(), "includesSecrets", secrets)));
        return ApiResponse.ok(new AccountExport(AccountExport.VERSION, ctx.clock().instant(), secrets, items));
    }

    private ApiResponse importAccounts(ApiRequest<AccountExport> request) {
        List<String> messages = new ArrayList<>();
        int created = ctx.database().transactionResult(tx -> {
            int count = 0;
            GroupStore groups = new GroupStore(tx);
            for (AccountExportItem item : request.body().accounts()) {
                if (item.apiKey() == null || item.apiKey().isBlank() || !"api_key".equals(item.type())) {
                    messages.add(item.name() + ": skipped, no API key (export with secrets, or add it after import)");
                    continue;
                }
                String baseUrl = item.baseUrl() == null || item.baseUrl().isBlank() ? null : ctx.baseUrls().check(item.baseUrl());
                long id = tx.insertInto(UPSTREAM_ACCOUNTS).set(UPSTREAM_ACCOUNTS.NAME, item.name())
                        .set(UPSTREAM_ACCOUNTS.PLATFORM, item.platform().wireName()).set(UPSTREAM_ACCOUNTS.TYPE, "api_key")
                        .set(UPSTREAM_ACCOUNTS.BASE_URL, baseUrl)
                        .set(UPSTREAM_ACCOUNTS.CREDENTIALS, ctx.codec().encrypt(new AccountCredentials.ApiKey(item.apiKey())))
                        .set(UPSTREAM_ACCOUNTS.CONCURRENCY_LIMIT, item.concurrencyLimit() == null ? 3 : item.concurrencyLimit())
                        .set(UPSTREAM_ACCOUNTS.PRIORITY, item.priority() == null ? 50 : item.priority())
                        .set(UPSTREAM_ACCOUNTS.MODEL_MAPPING, AccountStore.mapping(item.modelMapping()))
                        .set(UPSTREAM_ACCOUNTS.NOTES, item.notes())
                        .returning(UPSTREAM_ACCOUNTS.ID).fetchSingle(UPSTREAM_ACCOUNTS.ID);
                for (String name : item.groupNames()) {
                    tx.select(GROUPS.ID).from(GROUPS).where(GROUPS.NAME.eq(name)).fetchOptional(GROUPS.ID).ifPresentOrElse(
                            group -> groups.link(group, id, item.priority() == null ? 50 : item.priority()),
                            () -> messages.add(item.name() + ": group '" + name + "' does not exist, not linked"));
                }
                count++;
            }
            Audit.record(tx, request, "account.imported", "account", null, Map.of("created", count));
            return count;
        });
        ctx.accounts().reload();
        return ApiResponse.ok(new ImportResult(created, request.body().accounts().size() - created, messages));
    }
}
