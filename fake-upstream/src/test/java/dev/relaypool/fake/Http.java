package dev.relaypool.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** A plain OkHttp client for the tests, with the small SSE parser a client of the providers would use. */
final class Http implements AutoCloseable {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final MediaType JSON = MediaType.get("application/json");

    final OkHttpClient client;
    private final String base;

    Http(FakeUpstream fake) {
        this(fake, Duration.ofSeconds(10));
    }

    Http(FakeUpstream fake, Duration readTimeout) {
        base = fake.baseUrl();
        client = new OkHttpClient.Builder().readTimeout(readTimeout).retryOnConnectionFailure(false).build();
    }

    Response post(String path, String body, String... headers) throws IOException {
        return client.newCall(request(path, headers).post(RequestBody.create(body, JSON)).build()).execute();
    }

    Response get(String path, String... headers) throws IOException {
        return client.newCall(request(path, headers).get().build()).execute();
    }

    private Request.Builder request(String path, String... headers) {
        Request.Builder b = new Request.Builder().url(base + path);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return b;
    }

    static JsonNode json(Response response) throws IOException {
        try (response) {
            return MAPPER.readTree(response.body().string());
        }
    }

    /** One server-sent event: its name (null when unnamed) and its data. */
    record Sse(String event, String data) {
        JsonNode json() {
            try {
                return MAPPER.readTree(data);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static List<Sse> events(Response response) throws IOException {
        try (response) {
            return events(response.body().string());
        }
    }

    static List<Sse> events(String text) {
        List<Sse> events = new ArrayList<>();
        for (String block : text.split("\n\n")) {
            String name = null;
            StringBuilder data = new StringBuilder();
            for (String line : block.split("\n")) {
                if (line.startsWith("event: ")) {
                    name = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data.append(line.substring(6));
                }
            }
            if (name != null || !data.isEmpty()) {
                events.add(new Sse(name, data.toString()));
            }
        }
        return events;
    }

    @Override
    public void close() {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }
}
