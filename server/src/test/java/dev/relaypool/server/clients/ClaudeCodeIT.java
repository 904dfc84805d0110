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

/** The real Claude Code CLI, headless, against the relay: the README's settings, nothing else. */
class ClaudeCodeIT {
    @RegisterExtension
    static final NodeClients clients = new NodeClients(NodeClients.Cli.CLAUDE_CODE);
    @RegisterExtension
    static final PostgresExtension postgres = new PostgresExtension();
    private static final String REPLY = "Hi from the pool, Claude Code.";
    private static RelayFixture relay;

    @BeforeAll
    static void start() {
        // the CLI picks its own newest default model, which the bundled catalogue may not price yet: an operator
        // prices it or bills unpriced models at a default, as here
        relay = RelayFixture.start(postgres, java.util.Map.of("RELAYPOOL_BILLING_UNPRICED_MODEL", "default",
                "RELAYPOOL_BILLING_DEFAULT_PRICE_PER_MILLION", "3"));
        relay.upstream.setReply(REPLY, 3);
        relay.upstream.setUsage(Usage.of(321, 17).withCacheWrite(64, 0).withCacheRead(1000));
    }

    @AfterAll
    static void stop() {
        if (relay != null) {
            relay.close();
        }
    }

    @Test
    void answersAPromptThroughTheRelayAndBillsTheMember(@TempDir Path home, @TempDir Path project) throws Exception {
        ClientMember member = ClientMember.seed(relay, Platform.ANTHROPIC, "sk-ant-account-claude-code");
        Map<String, String> env = clients.environment(home);
        env.put("ANTHROPIC_BASE_URL", relay.baseUrl());
        env.put("ANTHROPIC_AUTH_TOKEN", member.key());
        env.put("DISABLE_TELEMETRY", "1");
        env.put("DISABLE_ERROR_REPORTING", "1");
        env.put("DISABLE_AUTOUPDATER", "1");
        env.put("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1");
        relay.upstream.clear();

        CliRun.Result run = CliRun.run(clients.command("-p", "say hi", "--max-turns", "1"),
                env, project, Duration.ofSeconds(120));
        System.out.println(run.describe()); // the CLI's transcript, in the test report

        assertThat(run.timedOut()).as(run.describe()).isFalse();
        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stdout()).as(run.describe()).contains(REPLY);

        List<RecordedRequest> requests = member.assertUpstreamSawOnlyTheAccountCredential(relay.upstream);
        assertThat(requests).as("what Claude Code sent").anySatisfy(request -> {
            assertThat(request.path()).isEqualTo("/v1/messages");
            assertThat(request.bodyText()).contains("\"stream\":true");
        });
        List<UsageLogRecord> rows = member.awaitUsageRows(postgres.dsl(), requests.size());
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.getStatusCode()).isEqualTo(200);
            assertThat(row.getAccountId()).isEqualTo(member.accountId());
            assertThat(row.getInputTokens()).isEqualTo(321);
            assertThat(row.getOutputTokens()).isEqualTo(17);
            assertThat(row.getCacheWrite_5mTokens()).isEqualTo(64);
            assertThat(row.getCacheReadTokens()).isEqualTo(1000);
        });
        assertThat(rows).anySatisfy(row -> assertThat(row.getStream()).isTrue());
    }
}
