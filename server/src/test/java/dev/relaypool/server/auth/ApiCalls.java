package dev.relaypool.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.relaypool.server.api.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;

/** A tiny JSON client for the API tests; {@code from} sets X-Forwarded-For (the tests trust the loopback proxy). */
final class ApiCalls {
    record Reply(int status, JsonNode body, HttpResponse<String> raw) {
        String errorCode() {
            return body.path("error").path("code").asText();
        }

        Optional<String> header(String name) {
            return raw.headers().firstValue(name);
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    ApiCalls(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    Reply call(String method, String path, Object body, String token, String from) {
        return call(method, path, body, token, from, null);
    }

    Reply call(String method, String path, Object body, String token, String from, String cookie) {
        try {
            String json = body == null ? null : body instanceof String s ? s : Json.MAPPER.writeValueAsString(body);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                    .header("Content-Type", "application/json")
                    .header("X-Forwarded-For", from == null ? "198.51.100.1" : from);
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            if (cookie != null) {
                request.header("Cookie", cookie);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode parsed = response.body().isEmpty() ? Json.MAPPER.missingNode() : Json.MAPPER.readTree(response.body());
            return new Reply(response.statusCode(), parsed, response);
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        }
    }
}
