package dev.relaypool.fake;

import dev.relaypool.fake.Responder.Endpoint;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import io.undertow.util.Methods;
import io.undertow.util.Protocols;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Reads each request body without blocking the IO thread, then on a virtual thread records the request, finds the
 * provider endpoint it targets, picks the behaviour and lets the {@link Responder} play it.
 */
final class Router implements HttpHandler {
    private static final ErrorEnvelope ANTHROPIC_ERRORS = new AnthropicWire();
    private static final ErrorEnvelope CHAT_ERRORS = new OpenAiWire("messages");
    private static final ErrorEnvelope RESPONSES_ERRORS = new OpenAiWire("input");
    private static final ErrorEnvelope GEMINI_ERRORS = new GeminiWire();
    private static final ErrorEnvelope OAUTH_ERRORS = new OAuthWire();

    private final Settings settings;
    private final RequestLog log;
    private final Counters counters;
    private final Responder responder;
    private final ControlEndpoint control;
    private final Executor executor;
    private final Clock clock;

    Router(Settings settings, RequestLog log, Counters counters, Responder responder, ControlEndpoint control,
           Executor executor, Clock clock) {
        this.settings = settings;
        this.log = log;
        this.counters = counters;
        this.responder = responder;
        this.control = control;
        this.executor = executor;
        this.clock = clock;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        exchange.getRequestReceiver().receiveFullBytes(
                (ex, body) -> ex.dispatch(executor, dispatched -> handle(dispatched, body)),
                (ex, error) -> Responder.drop(ex));
    }

    private void handle(HttpServerExchange ex, byte[] body) throws IOException {
        String path = ex.getRequestPath();
        if (path.startsWith("/_fake/")) {
            control.handle(ex, body);
            return;
        }
        counters.requests.incrementAndGet();
        if (ex.getProtocol().equals(Protocols.HTTP_2_0)) {
            counters.http2Requests.incrementAndGet();
            counters.http2Peers.add(String.valueOf(ex.getSourceAddress()));
        }
        counters.inFlight.incrementAndGet();
        try {
            Instant now = clock.instant();
            if (log.enabled()) {
                log.add(new RecordedRequest(ex.getRequestMethod().toString(), path, ex.getQueryString(), headers(ex), body, now));
            }
            Incoming in = new Incoming(ex, body, now, counters.ids.incrementAndGet());
            Endpoint endpoint = route(in);
            if (endpoint == null) {
                responder.send(ex, ErrorEnvelope.Rendered.of(404, Json.object().set("error", Json.object()
                        .put("type", "not_found_error").put("message", "no such endpoint in the fake")), Map.of()));
                return;
            }
            if (in.oauth && OAuthWire.rejection(in.tokenRequest()) instanceof ErrorEnvelope.Rendered rejection) {
                responder.send(ex, rejection);
                return;
            }
            String credential = in.oauth ? in.tokenRequest().refreshToken() : in.credential();
            ErrorEnvelope.Context context = new ErrorEnvelope.Context(in.envelope().model(), now, in.bearer(), "req_fake" + in.seq);
            responder.respond(ex, settings.next(credential), endpoint, context);
        } finally {
            counters.inFlight.decrementAndGet();
        }
    }

    private Endpoint route(Incoming in) {
        boolean post = in.ex.getRequestMethod().equals(Methods.POST);
        String raw = in.ex.getRequestPath();
        boolean v1beta = raw.startsWith("/v1beta/");
        // Clients differ on whether the base URL ends in /v1; accept both spellings.
        String path = v1beta ? raw.substring(7) : raw.startsWith("/v1/") ? raw.substring(3) : raw;
        int colon = path.lastIndexOf(':');
        if (path.startsWith("/models/") && colon > 0) {
            return post ? gemini(in, path.substring("/models/".length(), colon), path.substring(colon + 1)) : null;
        }
        if (post) {
            return switch (path) {
                case "/messages" -> generation(in, "Anthropic", AnthropicWire.DEFAULT_MODEL, "msg_fake", ANTHROPIC_ERRORS,
                        AnthropicWire::messages, Map.of("request-id", "req_fake" + in.seq));
                case "/messages/count_tokens" -> new Endpoint(ANTHROPIC_ERRORS,
                        () -> AnthropicWire.countTokens(usage(in, "Anthropic")), Map.of("request-id", "req_fake" + in.seq));
                case "/chat/completions" -> generation(in, "OpenAI", OpenAiWire.DEFAULT_MODEL, "chatcmpl-fake", CHAT_ERRORS,
                        OpenAiChatWire::completions, Map.of("x-request-id", "req_fake" + in.seq));
                case "/responses" -> generation(in, "OpenAI", OpenAiWire.DEFAULT_MODEL, "resp_fake", RESPONSES_ERRORS,
                        OpenAiResponsesWire::responses, Map.of("x-request-id", "req_fake" + in.seq));
                case "/oauth/token" -> oauth(in);
                default -> null;
            };
        }
        if (!in.ex.getRequestMethod().equals(Methods.GET)) {
            return null;
        }
        String id = path.startsWith("/models/") ? path.substring("/models/".length()) : null;
        if (!path.equals("/models") && id == null) {
            return null;
        }
        if (v1beta || in.header("x-goog-api-key") != null || Credentials.queryParam(in.ex.getQueryString(), "key") != null) {
            String model = id != null && id.startsWith("models/") ? id.substring(7) : id;
            return new Endpoint(GEMINI_ERRORS, () -> model == null ? GeminiWire.models() : GeminiWire.model(model), Map.of());
        }
        if (in.header("x-api-key") != null || in.header("anthropic-version") != null) {
            return new Endpoint(ANTHROPIC_ERRORS, () -> id == null ? AnthropicWire.models() : AnthropicWire.model(id),
                    Map.of("request-id", "req_fake" + in.seq));
        }
        return new Endpoint(CHAT_ERRORS, () -> id == null ? OpenAiWire.models() : OpenAiWire.model(id),
                Map.of("x-request-id", "req_fake" + in.seq));
    }

    private Endpoint gemini(Incoming in, String model, String action) {
        return switch (action) {
            case "generateContent" -> new Endpoint(GEMINI_ERRORS, () -> GeminiWire.generate(geminiCall(in, model, false)), Map.of());
            case "streamGenerateContent" -> {
                boolean sse = "sse".equals(Credentials.queryParam(in.ex.getQueryString(), "alt"));
                yield new Endpoint(GEMINI_ERRORS, () -> GeminiWire.streamGenerate(geminiCall(in, model, true), sse), Map.of());
            }
            case "countTokens" -> new Endpoint(GEMINI_ERRORS, () -> GeminiWire.countTokens(usage(in, "Gemini")), Map.of());
            default -> null;
        };
    }

    private Endpoint generation(Incoming in, String platform, String defaultModel, String idPrefix, ErrorEnvelope errors,
                                Function<Call, Reply> wire, Map<String, String> headers) {
        String model = in.envelope().model() != null ? in.envelope().model() : defaultModel;
        return new Endpoint(errors, () -> wire.apply(call(in, platform, model, idPrefix, in.envelope().stream())), headers);
    }

    private Endpoint oauth(Incoming in) {
        in.oauth = true;
        long n = counters.tokenCalls.incrementAndGet();
        return new Endpoint(OAUTH_ERRORS, () -> OAuthWire.token(n, settings.tokenLifetime()), Map.of());
    }

    private Call call(Incoming in, String platform, String model, String idPrefix, boolean stream) {
        return replying(in, settings.replyText(platform), model, idPrefix, stream);
    }

    /** Gemini asks for JSON by {@code generationConfig.responseMimeType}; see {@link StructuredReply}. */
    private Call geminiCall(Incoming in, String model, boolean stream) {
        String reply = settings.replyText("Gemini");
        return replying(in, StructuredReply.gemini(in.body, reply).orElse(reply), model, "fake", stream);
    }

    private Call replying(Incoming in, String text, String model, String idPrefix, boolean stream) {
        return new Call(model, stream, in.envelope().includeUsage(), text, Call.split(text, settings.deltas()),
                settings.usageFor(in.body.length, text), idPrefix + String.format("%08d", in.seq), in.now);
    }

    private Usage usage(Incoming in, String platform) {
        return settings.usageFor(in.body.length, settings.replyText(platform));
    }

    private static Map<String, List<String>> headers(HttpServerExchange ex) {
        Map<String, List<String>> map = new HashMap<>();
        for (HeaderValues values : ex.getRequestHeaders()) {
            map.put(values.getHeaderName().toString(), new ArrayList<>(values));
        }
        return map;
    }

    /** One request being routed, with its lazily parsed parts. */
    private static final class Incoming {
        final HttpServerExchange ex;
        final byte[] body;
        final Instant now;
        final long seq;
        boolean oauth;
        private Envelope envelope;
        private OAuthWire.TokenRequest tokenRequest;

        Incoming(HttpServerExchange ex, byte[] body, Instant now, long seq) {
            this.ex = ex;
            this.body = body;
            this.now = now;
            this.seq = seq;
        }

        Envelope envelope() {
            if (envelope == null) {
                envelope = oauth ? Envelope.EMPTY : Envelope.parse(body);
            }
            return envelope;
        }

        OAuthWire.TokenRequest tokenRequest() {
            if (tokenRequest == null) {
                tokenRequest = OAuthWire.TokenRequest.parse(body, header("content-type"));
            }
            return tokenRequest;
        }

        String header(String name) {
            return ex.getRequestHeaders().getFirst(name);
        }

        boolean bearer() {
            String auth = header("authorization");
            return auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7);
        }

        String credential() {
            return Credentials.of(header("x-api-key"), header("authorization"), header("x-goog-api-key"), ex.getQueryString());
        }
    }
}
