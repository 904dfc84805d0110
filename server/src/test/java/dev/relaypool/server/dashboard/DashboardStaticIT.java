package dev.relaypool.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.server.testing.PostgresExtension;
import dev.relaypool.server.testing.RelayFixture;
import java.io.IOException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The dashboard's files as the wired server answers them: page, SPA routes, assets, WebJars, headers, caching. */
class DashboardStaticIT {
    @RegisterExtension
    static final PostgresExtension postgres = new PostgresExtension();
    private static RelayFixture relay;
    private final OkHttpClient http = new OkHttpClient();

    @BeforeAll
    static void start() {
        relay = RelayFixture.start(postgres);
    }

    @AfterAll
    static void stop() {
        relay.close();
    }

    @Test
    void servesThePageAtTheRootWithAStrictPolicy() throws IOException {
        try (Response response = get("/")) {
            assertThat(response.code()).isEqualTo(200);
            assertThat(response.header("Content-Type")).startsWith("text/html");
            assertThat(response.header("Content-Security-Policy"))
                    .contains("script-src 'self'", "style-src 'self'", "frame-ancestors 'none'", "default-src 'none'")
                    .doesNotContain("unsafe-inline", "unsafe-eval");
            assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
            assertThat(response.header("Referrer-Policy")).isEqualTo("no-referrer");
            assertThat(response.header("Cache-Control")).isEqualTo("no-cache");
            assertThat(response.body().string()).contains("<main", "/assets/js/main.js");
        }
    }

    @Test
    void answersClientRoutesWithTheSamePage() throws IOException {
        try (Response root = get("/"); Response deep = get("/app/admin/accounts"); Response app = get("/app")) {
            String page = root.body().string();
            assertThat(deep.code()).isEqualTo(200);
            assertThat(deep.body().string()).isEqualTo(page);
            assertThat(app.body().string()).isEqualTo(page);
        }
    }

    @Test
    void servesModulesStylesAndWebJarsWithTheirTypes() throws IOException {
        assertType("/assets/js/main.js", "text/javascript");
        assertType("/assets/app.css", "text/css");
        assertType("/assets/favicon.svg", "image/svg+xml");
        assertType("/webjars/chart.js/dist/chart.umd.min.js", "text/javascript");
        assertType("/webjars/picocss__pico/css/pico.min.css", "text/css");
    }

    @Test
    void revalidatesWithTheETag() throws IOException {
        String etag;
        try (Response first = get("/assets/app.css")) {
            etag = first.header("ETag");
        }
        assertThat(etag).startsWith("\"");
        try (Response again = http.newCall(new Request.Builder().url(relay.baseUrl() + "/assets/app.css")
                .header("If-None-Match", etag).build()).execute()) {
            assertThat(again.code()).isEqualTo(304);
            assertThat(again.body().bytes()).isEmpty();
        }
    }

    @Test
    void refusesUnknownAndEscapingPaths() throws IOException {
        for (String path : new String[] {"/assets/nope.js", "/assets/%2e%2e/index.html", "/assets/js/../../index.html",
                "/webjars/chart.js/package.json.exe", "/assets/", "/webjars/../dashboard/index.html"}) {
            try (Response response = get(path)) {
                assertThat(response.code()).as(path).isEqualTo(404);
            }
        }
    }

    @Test
    void refusesWritesToStaticFiles() throws IOException {
        try (Response response = http.newCall(new Request.Builder().url(relay.baseUrl() + "/assets/app.css")
                .post(RequestBody.create(new byte[0])).build()).execute()) {
            assertThat(response.code()).isEqualTo(405);
            assertThat(response.header("Allow")).isEqualTo("GET, HEAD");
        }
    }

    @Test
    void leavesTheGatewayAndApiPathsAlone() throws IOException {
        try (Response gateway = get("/v1/models"); Response api = get("/api/openapi.json")) {
            assertThat(gateway.code()).isEqualTo(401);
            assertThat(gateway.header("Content-Security-Policy")).isNull();
            assertThat(api.code()).isEqualTo(200);
        }
    }

    private void assertType(String path, String type) throws IOException {
        try (Response response = get(path)) {
            assertThat(response.code()).as(path).isEqualTo(200);
            assertThat(response.header("Content-Type")).as(path).startsWith(type);
            assertThat(response.body().bytes()).as(path).isNotEmpty();
        }
    }

    private Response get(String path) throws IOException {
        return http.newCall(new Request.Builder().url(relay.baseUrl() + path).build()).execute();
    }
}
