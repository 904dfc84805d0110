package dev.relaypool.server.clients;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.fake.RecordedRequest;
import dev.relaypool.fake.Usage;
import dev.relaypool.model.Platform;
import dev.relaypool.server.storage.schema.tables.records.UsageLogRecord;
import dev.relaypool.server.testing.PostgresExtension;
import dev.relaypool.server.testing.RelayFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The real Gemini CLI, headless, with a Gemini API key pointed at the relay as the README says. */
class GeminiCliIT {
    @RegisterExtension
    static final NodeClients clients = new NodeClients(NodeClients.Cli.GEMINI);
    @RegisterExtension
    static final PostgresExtension postgres = new PostgresExtension();
    private static final String REPLY = "Hi from the pool, Gemini CLI.";
    private static RelayFixture relay;

    @BeforeAll
    static void start() {
        // the CLI picks its own newest default model, which the bundled catalogue may not price yet: an operator
        // prices it or bills unpriced models at a default, as here
        relay = RelayFixture.start(postgres, java.util.Map.of("RELAYPOOL_BILLING_UNPRICED_MODEL", "default",
                "RELAYPOOL_BILLING_DEFAULT_PRICE_PER_MILLION", "3"));
        relay.upstream.setReply(REPLY, 3);
        relay.upstream.setUsage(Usage.of(512, 31).withCacheRead(128));
    }

    @AfterAll
    static void stop() {
        if (relay != null) {
            relay.close();
        }
    }

    @Test
    void answersAPromptThroughTheRelayAndBillsTheMember(@TempDir Path home, @TempDir Path project) throws Exception {
        ClientMember member = ClientMember.seed(relay, Platform.GEMINI, "gemini-account-key-cli");
        Path settings = Files.createDirectories(home.resolve(".gemini")).resolve("settings.json");
        Files.writeString(settings, """
                {"security": {"auth": {"selectedType": "gemini-api-key"}},
                 "general": {"disableAutoUpdate": true, "disableUpdateNag": true},
                 "privacy": {"usageStatisticsEnabled": false},
                 "telemetry": {"enabled": false}}
                """);
        Map<String, String> env = clients.environment(home);
        env.put("GEMINI_API_KEY", member.key());
        env.put("GOOGLE_GEMINI_BASE_URL", relay.baseUrl());
        env.put("GEMINI_CLI_TRUST_WORKSPACE", "true");
        relay.upstream.clear();

        CliRun.Result run = CliRun.run(clients.command("-p", "say hi"),
                env, project, Duration.ofSeconds(120));
        System.out.println(run.describe()); // the CLI's transcript, in the test report

        assertThat(run.timedOut()).as(run.describe()).isFalse();
        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stdout()).as(run.describe()).contains(REPLY);

        List<RecordedRequest> requests = member.assertUpstreamSawOnlyTheAccountCredential(relay.upstream);
        assertThat(requests).as("what Gemini CLI sent").anySatisfy(request -> {
            assertThat(request.path()).startsWith("/v1beta/models/").endsWith(":streamGenerateContent");
            assertThat(request.query()).contains("alt=sse");
        });
        List<UsageLogRecord> rows = member.awaitUsageRows(postgres.dsl(), requests.size());
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.getStatusCode()).isEqualTo(200);
            assertThat(row.getAccountId()).isEqualTo(member.accountId());
            assertThat(row.getInputTokens()).isEqualTo(512);
            assertThat(row.getCacheReadTokens()).isEqualTo(128);
            assertThat(row.getOutputTokens()).isEqualTo(31);
        });
        assertThat(rows).anySatisfy(row -> assertThat(row.getStream()).isTrue());
    }
}
