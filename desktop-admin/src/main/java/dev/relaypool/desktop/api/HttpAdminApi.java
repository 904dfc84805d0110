package dev.relaypool.desktop.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link AdminApi} over HTTP with OkHttp and Jackson. Thread-safe; one instance serves every server profile. */
public final class HttpAdminApi implements AdminApi {
    private static final Logger LOG = LoggerFactory.getLogger(HttpAdminApi.class);
    private static final MediaType JSON = MediaType.get("application/json");
    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(60);

    private final OkHttpClient http;
    private final ObjectMapper mapper = Json.mapper();

    public HttpAdminApi() {
        this(new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(20))
                .callTimeout(Duration.ofSeconds(30))
                .build());
    }

    public HttpAdminApi(OkHttpClient http) {
        this.http = http;
    }

    @Override
    public LoginOutcome login(URI server, LoginRequest request) {
        return authCall(server, "api/v1/auth/login", request);
    }

    @Override
    public LoginOutcome refresh(URI server, String refreshToken) {
        return authCall(server, "api/v1/auth/refresh", Map.of("refreshToken", refreshToken));
    }

    @Override
    public void logout(URI server, String refreshToken) {
        try (Response ignored = http.newCall(post(server, "api/v1/auth/logout", Map.of("refreshToken", refreshToken))).execute()) {
            // the answer does not matter: the tokens are dropped locally either way
        } catch (IOException | IllegalArgumentException e) {
            LOG.info("logout at {} not confirmed: {}", server, e.toString());
        }
    }

    @Override
    public ApiResult<UserInfo> me(URI server, String accessToken) {
        Request request;
        try {
            request = new Request.Builder().url(url(server, "api/v1/me")).header("Authorization", "Bearer " + accessToken).build();
        } catch (IllegalArgumentException e) {
            return new ApiResult.Unreachable<>("not a valid server address");
        }
        try (Response response = http.newCall(request).execute()) {
            String body = response.body().string();
            if (response.code() == 200) {
                return new ApiResult.Ok<>(mapper.readValue(body, UserInfo.class));
            }
            if (response.code() == 401) {
                return new ApiResult.Unauthorized<>();
            }
            return new ApiResult.Failed<>(response.code(), error(body).message());
        } catch (IOException e) {
            return new ApiResult.Unreachable<>(describe(e));
        }
    }

    @Override
    public ApiResult<Boolean> ready(URI server) {
        Request request;
        try {
            request = new Request.Builder().url(url(server, "readyz")).build();
        } catch (IllegalArgumentException e) {
            return new ApiResult.Unreachable<>("not a valid server address");
        }
        try (Response response = http.newCall(request).execute()) {
            return new ApiResult.Ok<>(response.isSuccessful());
        } catch (IOException e) {
            return new ApiResult.Unreachable<>(describe(e));
        }
    }

    private LoginOutcome authCall(URI server, String path, Object body) {
        try (Response response = http.newCall(post(server, path, body)).execute()) {
            String text = response.body().string();
            return switch (response.code()) {
                case 200 -> new LoginOutcome.SignedIn(mapper.readValue(text, AuthTokens.class));
                case 401 -> "totp_required".equals(error(text).code())
                        ? new LoginOutcome.TotpRequired() : new LoginOutcome.Rejected();
                case 429 -> new LoginOutcome.TooManyAttempts(retryAfter(response.header("Retry-After")));
                default -> new LoginOutcome.Failed(response.code(), error(text).message());
            };
        } catch (JsonProcessingException e) {
            return new LoginOutcome.Failed(200, "the server's answer could not be read");
        } catch (IllegalArgumentException e) {
            return new LoginOutcome.Unreachable("not a valid server address");
        } catch (IOException e) {
            return new LoginOutcome.Unreachable(describe(e));
        }
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private Request post(URI server, String path, Object body) throws IOException {
        byte[] json = mapper.writeValueAsBytes(body);
        return new Request.Builder().url(url(server, path)).post(RequestBody.create(json, JSON)).build();
    }

    /** Resolves below the server's own path, so a relay served under a prefix (https://host/relay/) works. */
    static HttpUrl url(URI server, String path) {
        return HttpUrl.get(server.toString()).newBuilder().addPathSegments(path).build();
    }

    private ErrorBody error(String body) {
        try {
            ErrorBody parsed = mapper.readValue(body, ErrorBody.class);
            return parsed == null ? new ErrorBody(null) : parsed;
        } catch (IOException e) {
            return new ErrorBody(null); // not our server's envelope (a proxy's HTML page, say)
        }
    }

    static Duration retryAfter(String header) {
        if (header == null) {
            return DEFAULT_RETRY_AFTER;
        }
        try {
            return Duration.ofSeconds(Math.max(1, Long.parseLong(header.strip())));
        } catch (NumberFormatException e) {
            return DEFAULT_RETRY_AFTER; // an HTTP date; a minute is a fair guess
        }
    }
}
