package dev.relaypool.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** The admission hook: a refusal in the caller's protocol with Retry-After, and slots released after forwarding. */
class GatewayAdmissionIT {
    static final MediaType JSON = MediaType.get("application/json");

    static Request anthropic(TestGateway gateway) {
        return new Request.Builder().url(gateway.url("/v1/messages")).header("x-api-key", TestGateway.ANTHROPIC_KEY)
                .post(RequestBody.create("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":5,\"messages\":[]}", JSON))
                .build();
    }

    @Test
    void rendersARefusalInTheCallersProtocolWithRetryAfter() throws Exception {
        Admission refuse = (key, model) -> new Admission.Verdict.Refused(GatewayError.RATE_LIMITED,
                "The API key limit of 2 requests per minute is reached; retry at 2026-07-24T10:00:07Z (in 7s).",
                Optional.of(Duration.ofSeconds(7)));
        try (TestGateway gateway = TestGateway.start(refuse);
             Response response = gateway.http.newCall(anthropic(gateway)).execute()) {
            assertThat(response.code()).isEqualTo(429);
            assertThat(response.header("Retry-After")).isEqualTo("7");
            assertThat(response.body().string()).isEqualTo("{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\","
                    + "\"message\":\"The API key limit of 2 requests per minute is reached; retry at "
                    + "2026-07-24T10:00:07Z (in 7s).\"}}");
            assertThat(gateway.selector.sessionHints).as("never scheduled").isEmpty();
        }
    }

    @Test
    void releasesTheAdmittedSlotsOnceWhenTheRequestEnds() throws Exception {
        AtomicInteger releases = new AtomicInteger();
        Admission admit = (key, model) -> new Admission.Verdict.Admitted(releases::incrementAndGet);
        try (TestGateway gateway = TestGateway.start(admit);
             Response response = gateway.http.newCall(anthropic(gateway)).execute()) {
            assertThat(response.code()).isEqualTo(503); // no upstream account: forwarding fails, the slot is freed
            TestGateway.eventually(() -> releases.get() == 1, "slots released");
            assertThat(releases).hasValue(1);
        }
    }
}
