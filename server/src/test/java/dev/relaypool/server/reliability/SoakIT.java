package dev.relaypool.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.fake.FakeUpstream;
import dev.relaypool.server.RelaypoolServer;
import dev.relaypool.server.testing.PostgresExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The soak command in miniature (15 seconds), so that it cannot rot: load flows and every invariant holds. */
class SoakIT {
    @RegisterExtension
    static final PostgresExtension postgres = new PostgresExtension();

    @Test
    void shortSoakServesMixedTrafficAndEndsWithEveryInvariantHeld(@TempDir Path dataDir) throws Exception {
        SoakReport report;
        try (FakeUpstream upstream = FakeUpstream.start(0);
             RelaypoolServer server = RelaypoolServer.start(postgres.configure(SoakMain.config(dataDir, Map.of())))) {
            report = new Soak(server, upstream, Soak.Settings.of(Duration.ofSeconds(15), 8)).run();
        }
        String markdown = report.markdown(SoakMain.machine(), "SoakIT");
        assertThat(report.checks()).as(markdown).allMatch(SoakReport.Check::passed);
        assertThat(report.usage().answeredSeen()).as(markdown).isGreaterThan(report.requests() / 2);
        assertThat(report.shapes()).as(markdown).containsKeys("anthropic_messages_stream", "openai_chat_json",
                "openai_responses_stream", "gemini_json");
        assertThat(report.run().faultsInjected()).as(markdown).isPositive();
    }
}
