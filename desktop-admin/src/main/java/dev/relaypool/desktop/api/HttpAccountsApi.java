package dev.relaypool.desktop.api;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.relaypool.model.admin.AccountCreateRequest;
import dev.relaypool.model.admin.AccountExport;
import dev.relaypool.model.admin.AccountTestEvent;
import dev.relaypool.model.admin.AccountUpdateRequest;
import dev.relaypool.model.admin.AccountView;
import dev.relaypool.model.admin.AccountWindows;
import dev.relaypool.model.admin.ImportResult;
import dev.relaypool.model.admin.OAuthFinishRequest;
import dev.relaypool.model.admin.OAuthStartRequest;
import dev.relaypool.model.admin.OAuthStarted;
import dev.relaypool.model.api.Page;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** {@link AccountsApi} over HTTP. */
public final class HttpAccountsApi implements AccountsApi {
    private static final String BASE = "api/v1/admin/accounts";
    private final RestClient rest;

    public HttpAccountsApi(RestClient rest) {
        this.rest = rest;
    }

    @Override
    public ApiResult<Page<AccountView>> list(URI server, String token, ListQuery query) {
        return rest.get(server, token, BASE, query.parameters(), new TypeReference<>() {});
    }

    @Override
    public ApiResult<AccountView> create(URI server, String token, AccountCreateRequest request) {
        return rest.send(server, token, "POST", BASE, request, new TypeReference<>() {});
    }

    @Override
    public ApiResult<AccountView> update(URI server, String token, long id, AccountUpdateRequest request) {
        return rest.send(server, token, "PATCH", BASE + "/" + id, request, new TypeReference<>() {});
    }

    @Override
    public ApiResult<Void> setEnabled(URI server, String token, long id, boolean enabled) {
        return rest.send(server, token, "POST", BASE + "/" + id + (enabled ? "/enable" : "/disable"), null, RestClient.NOTHING);
    }

    @Override
    public ApiResult<Void> clearCooldown(URI server, String token, long id) {
        return rest.send(server, token, "DELETE", BASE + "/" + id + "/cooldown", null, RestClient.NOTHING);
    }

    @Override
    public ApiResult<AccountTestEvent> test(URI server, String token, long id, Consumer<AccountTestEvent> progress) {
        OkHttpClient http = rest.http().newBuilder().readTimeout(Duration.ofSeconds(90)).callTimeout(Duration.ofSeconds(120)).build();
        Request request;
        try {
            request = new Request.Builder().url(RestClient.url(server, BASE + "/" + id + "/test", Map.of()))
                    .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream")
                    .post(RequestBody.create(new byte[0], MediaType.get("application/json"))).build();
        } catch (IllegalArgumentException e) {
            return new ApiResult.Unreachable<>("not a valid server address");
        }
        AtomicReference<AccountTestEvent> last = new AtomicReference<>();
        try (Response response = http.newCall(request).execute()) {
            if (!response.isSuccessful()) {
                return response.code() == 401 ? new ApiResult.Unauthorized<>()
                        : new ApiResult.Failed<>(response.code(), "the test could not start");
            }
            SseParser parser = new SseParser(null, event -> {
                try {
                    AccountTestEvent stage = rest.mapper().readValue(event.data(), AccountTestEvent.class);
                    last.set(stage);
                    progress.accept(stage);
                } catch (IOException | IllegalArgumentException e) {
                    // an event this version does not understand; the final one decides
                }
            });
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body().byteStream(), StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    parser.line(line);
                }
                parser.line("");
            }
        } catch (IOException e) {
            return new ApiResult.Unreachable<>(RestClient.describe(e));
        }
        AccountTestEvent outcome = last.get();
        return outcome == null ? new ApiResult.Failed<>(200, "the server sent no test result") : new ApiResult.Ok<>(outcome);
    }

    @Override
    public ApiResult<AccountExport> export(URI server, String token) {
        return rest.get(server, token, BASE + "/export", Map.of(), new TypeReference<>() {});
    }

    @Override
    public ApiResult<ImportResult> importAccounts(URI server, String token, AccountExport accounts) {
        return rest.send(server, token, "POST", BASE + "/import", accounts, new TypeReference<>() {});
    }

    @Override
    public ApiResult<List<AccountWindows>> windows(URI server, String token) {
        return rest.get(server, token, BASE + "/windows", Map.of(), new TypeReference<>() {});
    }

    @Override
    public ApiResult<OAuthStarted> startOAuth(URI server, String token, OAuthStartRequest request) {
        return rest.send(server, token, "POST", BASE + "/oauth/start", request, new TypeReference<>() {});
    }

    @Override
    public ApiResult<AccountView> finishOAuth(URI server, String token, OAuthFinishRequest request) {
        return rest.send(server, token, "POST", BASE + "/oauth/finish", request, new TypeReference<>() {});
    }
}
