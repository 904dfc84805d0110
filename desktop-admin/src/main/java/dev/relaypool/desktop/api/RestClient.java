package dev.relaypool.desktop.api;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Authenticated JSON calls to {@code /api/v1/...}: every answer becomes an {@link ApiResult}, never an exception.
 * Shared by the resource clients ({@code HttpAccountsApi}, ...) so status handling lives in one place.
 */
public final class RestClient {
    private static final MediaType JSON = MediaType.get("application/json");
    /** Marks a call whose answer body is ignored (204, or an answer nobody reads). */
    public static final TypeReference<Void> NOTHING = new TypeReference<>() {};

    private final OkHttpClient http;
    private final ObjectMapper mapper = Json.mapper();

    public RestClient(OkHttpClient http) {
        this.http = http;
    }

    public OkHttpClient http() {
        return http;
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    public <T> ApiResult<T> get(URI server, String token, String path, Map<String, String> query, TypeReference<T> type) {
        return call(server, token, "GET", path, query, null, type);
    }

    public <T> ApiResult<T> send(URI server, String token, String method, String path, Object body, TypeReference<T> type) {
        return call(server, token, method, path, Map.of(), body, type);
    }

    /** As {@link #send(URI, String, String, String, Object, TypeReference)} with query parameters. */
    public <T> ApiResult<T> send(URI server, String token, String method, String path, Map<String, String> query,
                                 Object body, TypeReference<T> type) {
        return call(server, token, method, path, query, body, type);
    }

    private <T> ApiResult<T> call(URI server, String token, String method, String path, Map<String, String> query,
                                  Object body, TypeReference<T> type) {
        Request request;
        try {
            RequestBody payload = body == null
                    ? (method.equals("GET") || method.equals("DELETE") ? null : RequestBody.create(new byte[0], JSON))
                    : RequestBody.create(mapper.writeValueAsBytes(body), JSON);
            request = authorized(url(server, path, query), token).method(method, payload).build();
        } catch (IllegalArgumentException e) {
            return new ApiResult.Unreachable<>("not a valid server address");
        } catch (IOException e) {
            return new ApiResult.Failed<>(0, "the request could not be written: " + e.getMessage());
        }
        try (Response response = http.newCall(request).execute()) {
            String text = response.body().string();
            if (response.isSuccessful()) {
                if (type == NOTHING || text.isBlank()) {
                    return new ApiResult.Ok<>(null);
                }
                return new ApiResult.Ok<>(mapper.readValue(text, type));
            }
            return failure(response.code(), text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return new ApiResult.Failed<>(200, "the server's answer could not be read");
        } catch (IOException e) {
            return new ApiResult.Unreachable<>(describe(e));
        }
    }

    /**
     * Streams a download (a CSV export) into {@code sink}, reporting bytes read; stops early when {@code cancelled}
     * says so, answering {@code Failed(0, "cancelled")}.
     */
    public ApiResult<Long> download(URI server, String token, String path, Map<String, String> query,
                                    OutputStream sink, LongConsumer progress, BooleanSupplier cancelled) {
        Request request;
        try {
            request = authorized(url(server, path, query), token).get().build();
        } catch (IllegalArgumentException e) {
            return new ApiResult.Unreachable<>("not a valid server address");
        }
        okhttp3.Call call = http.newCall(request);
        try (Response response = call.execute()) {
            if (!response.isSuccessful()) {
                return failure(response.code(), response.body().string());
            }
            long total = 0;
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = response.body().byteStream()) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    if (cancelled.getAsBoolean()) {
                        call.cancel();
                        return new ApiResult.Failed<>(0, CANCELLED);
                    }
                    sink.write(buffer, 0, n);
                    total += n;
                    progress.accept(total);
                }
            }
            return new ApiResult.Ok<>(total);
        } catch (IOException e) {
            return cancelled.getAsBoolean() ? new ApiResult.Failed<>(0, CANCELLED) : new ApiResult.Unreachable<>(describe(e));
        }
    }

    public static final String CANCELLED = "cancelled";

    private <T> ApiResult<T> failure(int status, String text) {
        if (status == 401) {
            return new ApiResult.Unauthorized<>();
        }
        String message;
        try {
            ErrorBody parsed = mapper.readValue(text, ErrorBody.class);
            message = parsed == null ? "" : parsed.message();
        } catch (IOException e) {
            message = ""; // a proxy's HTML page, say
        }
        return new ApiResult.Failed<>(status, message);
    }

    Request.Builder authorized(HttpUrl url, String token) {
        return new Request.Builder().url(url).header("Authorization", "Bearer " + token);
    }

    /** Resolves below the server's own path, so a relay served under a prefix (https://host/relay/) works. */
    public static HttpUrl url(URI server, String path, Map<String, String> query) {
        HttpUrl.Builder builder = HttpUrl.get(server.toString()).newBuilder().addPathSegments(path);
        query.forEach(builder::addQueryParameter);
        return builder.build();
    }

    static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
