package dev.relaypool.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /_fake/*}: lets another process (a benchmark, a soak test, a person with curl) inject faults, change the
 * reply, read what was received, and reset. Never recorded, never subject to the injected behaviours.
 */
final class ControlEndpoint {
    private static final int MAX_TIMES = 1_000_000;

    private final Settings settings;
    private final RequestLog log;
    private final Counters counters;
    private final Runnable reset;
    private final Responder responder;

    ControlEndpoint(Settings settings, RequestLog log, Counters counters, Runnable reset, Responder responder) {
        this.settings = settings;
        this.log = log;
        this.counters = counters;
        this.reset = reset;
        this.responder = responder;
    }

    void handle(HttpServerExchange ex, byte[] body) throws IOException {
        String route = ex.getRequestMethod() + " " + ex.getRequestPath();
        try {
            JsonNode json = body.length == 0 ? Json.object() : Json.MAPPER.readTree(body);
            ObjectNode answer = switch (route) {
                case "POST /_fake/behaviour" -> behaviour(json);
                case "POST /_fake/settings" -> settings(json);
                case "POST /_fake/reset" -> {
                    reset.run();
                    yield Json.object().put("reset", true);
                }
                case "GET /_fake/requests" -> requests(Credentials.queryParam(ex.getQueryString(), "limit"));
                case "GET /_fake/stats" -> stats();
                default -> null;
            };
            if (answer == null) {
                reply(ex, 404, Json.object().put("error", "unknown control route " + route));
            } else {
                reply(ex, 200, answer);
            }
        } catch (IOException | IllegalArgumentException e) {
            reply(ex, 400, Json.object().put("error", e.getMessage()));
        }
    }

    private ObjectNode behaviour(JsonNode json) {
        String fault = json.path("fault").asText("answer");
        Behaviour behaviour = fault.equals("clear") ? null : parse(json);
        String credential = json.path("credential").asText(null);
        if (credential != null) {
            settings.forCredential(credential, behaviour);
            return Json.object().put("credential", credential).put("fault", fault);
        }
        if (behaviour == null) {
            throw new IllegalArgumentException("'clear' needs a credential");
        }
        if ("default".equals(json.path("apply").asText("next"))) {
            settings.setDefault(behaviour);
            return Json.object().put("default", fault);
        }
        int times = json.path("times").asInt(1);
        if (times < 1 || times > MAX_TIMES) {
            throw new IllegalArgumentException("times must be between 1 and " + MAX_TIMES);
        }
        for (int i = 0; i < times; i++) {
            settings.enqueue(behaviour);
        }
        return Json.object().put("enqueued", times).put("fault", fault);
    }

    /** Behaviour from its JSON form: {"fault": name, "retryAfterSeconds", "delayMs", "afterEvents"}. */
    static Behaviour parse(JsonNode json) {
        String fault = json.path("fault").asText("answer").toLowerCase(Locale.ROOT).replace('-', '_');
        Duration delay = Duration.ofMillis(json.path("delayMs").asLong(0));
        int after = json.path("afterEvents").asInt(3);
        return switch (fault) {
            case "answer" -> Behaviour.answer();
            case "slow_first_token" -> Behaviour.slowFirstToken(delay);
            case "paced" -> Behaviour.paced(delay);
            case "never_answer" -> Behaviour.neverAnswer();
            case "drop_before_headers" -> Behaviour.dropBeforeHeaders();
            case "reset_before_headers" -> Behaviour.resetBeforeHeaders();
            case "stall" -> Behaviour.stallAfter(after);
            case "cut" -> Behaviour.cutAfter(after);
            case "malformed" -> Behaviour.malformedAfter(after);
            case "no_terminal" -> Behaviour.noTerminalEvent();
            default -> new Behaviour.Fail(errorKind(fault), Duration.ofSeconds(json.path("retryAfterSeconds").asLong(30)));
        };
    }

    private static ErrorKind errorKind(String fault) {
        try {
            return ErrorKind.valueOf(fault.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown fault '" + fault + "'; see docs/fake-upstream.md for the list");
        }
    }

    private ObjectNode settings(JsonNode json) throws IOException {
        if (json.has("reply") || json.has("deltas")) {
            // "reply": null goes back to each platform's own greeting.
            String reply = !json.has("reply") ? settings.reply() : json.get("reply").isTextual() ? json.get("reply").asText() : null;
            settings.setReply(reply, json.path("deltas").asInt(settings.deltas()));
        }
        if (json.has("pacingMs")) {
            settings.setPacing(Duration.ofMillis(json.get("pacingMs").asLong()));
        }
        if (json.has("usage")) {
            settings.setUsage(json.get("usage").isNull() ? null : Json.MAPPER.treeToValue(json.get("usage"), Usage.class));
        }
        if (json.has("hangLimitMs")) {
            settings.setHangLimit(Duration.ofMillis(json.get("hangLimitMs").asLong()));
        }
        if (json.has("tokenLifetimeSeconds")) {
            settings.setTokenLifetime(Duration.ofSeconds(json.get("tokenLifetimeSeconds").asLong()));
        }
        if (json.has("recordLimit")) {
            log.setLimit(json.get("recordLimit").asInt());
        }
        return Json.object().put("updated", true);
    }

    private ObjectNode requests(String limit) {
        int max = limit == null ? 100 : Integer.parseInt(limit);
        ObjectNode answer = Json.object().put("total", counters.requests.get());
        ArrayNode list = answer.putArray("requests");
        for (RecordedRequest r : log.last(max)) {
            ObjectNode item = list.addObject().put("method", r.method()).put("path", r.path()).put("query", r.query());
            ObjectNode headers = item.putObject("headers");
            for (Map.Entry<String, java.util.List<String>> h : r.headers().entrySet()) {
                headers.put(h.getKey().toLowerCase(Locale.ROOT), String.join(", ", h.getValue()));
            }
            item.put("body", r.bodyText()).put("receivedAt", r.receivedAt().toString());
        }
        return answer;
    }

    private ObjectNode stats() {
        return Json.object().put("requests", counters.requests.get()).put("inFlight", counters.inFlight.get())
                .put("openStreams", counters.openStreams.get()).put("tokenCalls", counters.tokenCalls.get())
                .put("http2Requests", counters.http2Requests.get()).put("http2Connections", counters.http2Peers.size());
    }

    private void reply(HttpServerExchange ex, int status, ObjectNode body) throws IOException {
        responder.send(ex, new ErrorEnvelope.Rendered(status, Map.of(), Json.bytes(body)));
    }
}
