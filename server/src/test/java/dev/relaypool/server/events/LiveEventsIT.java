package dev.relaypool.server.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.model.Platform;
import dev.relaypool.server.testing.ApiClient;
import dev.relaypool.server.testing.PostgresExtension;
import dev.relaypool.server.testing.RelayFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The live event stream on the real server, read by a real SSE client. */
class LiveEventsIT {
    @RegisterExtension
    static final PostgresExtension postgres = new PostgresExtension();
    private static RelayFixture relay;
    private static ApiClient api;
    private static String admin;

    @BeforeAll
    static void start() {
        relay = RelayFixture.start(postgres);
        api = new ApiClient(relay.baseUrl());
        admin = api.signUp(postgres, "admin").token();
    }

    @AfterAll
    static void stop() {
        relay.close();
    }

    private SseClient connect(Map<String, String> headers) throws Exception {
        java.util.Map<String, String> all = new java.util.HashMap<>(headers);
        all.put("Authorization", "Bearer " + admin);
        return new SseClient(relay.baseUrl() + "/api/v1/admin/events", all);
    }

    private static void relayRequest(String key, String model) throws Exception {
        SseClient.relayMessage(relay.baseUrl(), key, model);
    }

    @Test
    void streamsRequestCompletionsAndResumesFromLastEventId() throws Exception {
        RelayFixture.Member member = relay.member(Platform.ANTHROPIC);
        SseClient.Event first;
        try (SseClient stream = connect(Map.of())) {
            assertThat(stream.status()).isEqualTo(200);
            relayRequest(member.key(), "claude-sonnet-4-5");
            first = stream.next("request", Duration.ofSeconds(10));
            assertThat(first).isNotNull();
            assertThat(first.data()).contains("\"model\":\"claude-sonnet-4-5\"")
                    .contains("\"userId\":" + member.userId()).contains("\"status\":200").doesNotContain(member.key());
        }
        relayRequest(member.key(), "claude-haiku-4-5");

        try (SseClient resumed = connect(Map.of("Last-Event-ID", first.id()))) {
            SseClient.Event missed = resumed.next("request", Duration.ofSeconds(10));
            assertThat(missed).isNotNull();
            assertThat(missed.data()).contains("claude-haiku-4-5");
            assertThat(missed.id()).isNotEqualTo(first.id()).matches("[0-9a-f]{8}-\\d+");
        }
    }

    @Test
    void reportsCooldownsAndPeriodicSnapshots() throws Exception {
        RelayFixture.Member member = relay.member(Platform.ANTHROPIC);
        try (SseClient stream = connect(Map.of())) {
            relay.server.parts().coordination().cooldowns().coolDown(member.accountId(), Instant.now().plusSeconds(300),
                    "overloaded");
            SseClient.Event cooldown = stream.next("account", Duration.ofSeconds(15));
            assertThat(cooldown).isNotNull();
            assertThat(cooldown.data()).contains("\"accountId\":" + member.accountId()).contains("cooldown_set")
                    .contains("overloaded");
            SseClient.Event snapshot = stream.next("snapshot", Duration.ofSeconds(15));
            assertThat(snapshot).isNotNull();
            assertThat(snapshot.data()).contains("\"accountId\":" + member.accountId()).contains("\"coolingDown\":true");
            assertThat(stream.comments()).contains("connected");
        }
    }

    @Test
    void refusesMembers() {
        String member = api.signUp(postgres, "member").token();
        assertThat(api.get("/api/v1/admin/events", member).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/admin/events", null).status()).isEqualTo(401);
    }
}
