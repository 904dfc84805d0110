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

/** The real Codex CLI ({@code codex exec}) on the Responses API, configured as the README says. */
class CodexIT {
    @RegisterExtension
    static final NodeClients clients = new NodeClients(NodeClients.Cli.CODEX);
    @RegisterExtension
    static final PostgresExtension postgres = new PostgresExtension();
    private static final String REPLY = "Hi from the pool, Codex.";
    private static RelayFixture relay;

    @BeforeAll
    static void start() {
        relay = RelayFixture.start(postgres);
        relay.upstream.setReply(REPLY, 3);
        relay.upstream.setUsage(Usage.of(410, 23).withCacheRead(200).withReasoning(8));
    }

    @AfterAll
    static void stop() {
        if (relay != null) {
            relay.close();
        }
    }

    @Test
    void answersAnExecPromptOverTheResponsesApiAndBillsTheMember(@TempDir Path home, @TempDir Path codexHome,
                                                                  @TempDir Path project) throws Exception {
        ClientMember member = ClientMember.seed(relay, Platform.OPENAI, "sk-openai-account-codex");
        Files.writeString(codexHome.resolve("config.toml"), """
                model = "gpt-5-codex"
                model_provider = "relaypool"
                check_for_update_on_startup = false

                [model_providers.relaypool]
                name = "Relaypool"
                base_url = "%s/v1"
                env_key = "RELAYPOOL_API_KEY"
                wire_api = "responses"
                request_max_retries = 0
                stream_max_retries = 0

                [analytics]
                enabled = false
                """.formatted(relay.baseUrl()));
        Map<String, String> env = clients.environment(home);
        env.put("CODEX_HOME", codexHome.toString());
        env.put("RELAYPOOL_API_KEY", member.key());
        relay.upstream.clear();

        CliRun.Result run = CliRun.run(clients.command("exec", "--skip-git-repo-check", "say hi"),
                env, project, Duration.ofSeconds(120));
        System.out.println(run.describe()); // the CLI's transcript, in the test report

        assertThat(run.timedOut()).as(run.describe()).isFalse();
        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stdout()).as(run.describe()).contains(REPLY);

        List<RecordedRequest> requests = member.assertUpstreamSawOnlyTheAccountCredential(relay.upstream);
        assertThat(requests).as("what Codex sent").anySatisfy(request -> {
            assertThat(request.path()).isEqualTo("/v1/responses");
            assertThat(request.header("authorization")).isEqualTo("Bearer " + member.upstreamKey());
        });
        List<UsageLogRecord> rows = member.awaitUsageRows(postgres.dsl(), requests.size());
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.getStatusCode()).isEqualTo(200);
            assertThat(row.getAccountId()).isEqualTo(member.accountId());
            assertThat(row.getEndpoint()).isEqualTo("/v1/responses");
            assertThat(row.getStream()).isTrue();
            assertThat(row.getRequestedModel()).isEqualTo("gpt-5-codex");
            assertThat(row.getInputTokens()).isEqualTo(410);
            assertThat(row.getCacheReadTokens()).isEqualTo(200);
            assertThat(row.getOutputTokens()).isEqualTo(23);
        });
    }
}
