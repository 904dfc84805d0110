package dev.relaypool.server.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.model.Platform;
import dev.relaypool.server.testing.ApiClient;
import dev.relaypool.server.testing.PostgresExtension;
import dev.relaypool.server.testing.RedisServerExtension;
import dev.relaypool.server.testing.RelayFixture;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two relay nodes on one PostgreSQL and one Redis: live events reach every node, and resume on either. */
class ClusterEventsIT {
    @RegisterExtension
    static final PostgresExtension postgres = new PostgresExtension();
    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();
    private static RelayFixture nodeA;
    private static RelayFixture nodeB;
    private static String admin;

    @BeforeAll
    static void start() {
        Map<String, String> cluster = Map.of("RELAYPOOL_REDIS_URL", redis.url().toString(),
                "RELAYPOOL_SECURITY_MASTER_KEY", Base64.getEncoder().encodeToString(new byte[32]));
        nodeA = RelayFixture.start(postgres, cluster);
        nodeB = RelayFixture.start(postgres, cluster);
        admin = new ApiClient(nodeA.baseUrl()).signUp(postgres, "admin").token();
    }

    @AfterAll
    static void stop() {
        try {
            nodeB.close();
        } finally {
            nodeA.close();
        }
    }

    @Test
    void aRequestServedOnOneNodeIsSeenLiveOnTheOther() throws Exception {
        RelayFixture.Member member = nodeA.member(Platform.ANTHROPIC);
        try (SseClient onB = connect(nodeB, Map.of())) {
            assertThat(onB.status()).isEqualTo(200);
            relayRequest(nodeA, member.key(), "claude-sonnet-4-5");

            SseClient.Event seen = onB.next("request", Duration.ofSeconds(15));
            assertThat(seen).isNotNull();
            assertThat(seen.data()).contains("claude-sonnet-4-5").contains("\"userId\":" + member.userId());
        }
    }

    @Test
    void aClientResumesOnTheOtherNodeWithTheLastEventIdTheFirstGave() throws Exception {
        RelayFixture.Member member = nodeA.member(Platform.ANTHROPIC);
        SseClient.Event first;
        try (SseClient onA = connect(nodeA, Map.of())) {
            relayRequest(nodeA, member.key(), "claude-sonnet-4-5");
            first = onA.next("request", Duration.ofSeconds(15));
            assertThat(first).isNotNull();
            assertThat(first.data()).contains("claude-sonnet-4-5");
        }
        relayRequest(nodeB, member.key(), "claude-haiku-4-5"); // missed while disconnected, served by the other node

        try (SseClient resumedOnB = connect(nodeB, Map.of("Last-Event-ID", first.id()))) {
            SseClient.Event missed = resumedOnB.next("request", Duration.ofSeconds(15));
            assertThat(missed).isNotNull();
            assertThat(missed.data()).as("only what came after the last event seen").contains("claude-haiku-4-5");
            assertThat(missed.id()).isNotEqualTo(first.id());
        }
    }

    private static SseClient connect(RelayFixture node, Map<String, String> headers) throws Exception {
        Map<String, String> all = new java.util.HashMap<>(headers);
        all.put("Authorization", "Bearer " + admin);
        return new SseClient(node.baseUrl() + "/api/v1/admin/events", all);
    }

    private static void relayRequest(RelayFixture node, String key, String model) throws Exception {
        SseClient.relayMessage(node.baseUrl(), key, model);
    }
}
