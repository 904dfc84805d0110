package dev.relaypool.server.limits;

import dev.relaypool.server.config.RelaypoolConfig;
import dev.relaypool.server.coordination.Coordination;
import dev.relaypool.server.coordination.redis.RedisCoordination;
import dev.relaypool.server.scheduling.LeaseRenewer;
import dev.relaypool.server.storage.Database;
import dev.relaypool.server.testing.BillingRows;
import dev.relaypool.server.testing.PostgresExtension;
import dev.relaypool.server.testing.RedisServerExtension;
import dev.relaypool.server.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The rate and concurrency limits of admission on Redis coordination, shared by every node. */
class RedisAdmissionIT {
    @RegisterExtension static final PostgresExtension postgres = new PostgresExtension();
    @RegisterExtension static final RedisServerExtension redis = new RedisServerExtension();

    @Test
    void rpmAndConcurrencyFollowTheSharedContract() {
        BillingRows rows = new BillingRows(postgres.dsl());
        try (Database database = TestDatabase.open(postgres, 2);
             Coordination coordination = RedisCoordination.connect(redis.url(), Clock.systemUTC());
             LeaseRenewer renewer = new LeaseRenewer(Duration.ofSeconds(30))) {
            Admission admission = AdmissionIT.admission(database, coordination, renewer,
                    RelaypoolConfig.BillingMode.STANDARD, true);
            long user = rows.user("5");
            long group = rows.balanceGroup("1");
            LimitsContract.rpmRefusesWithRetryAfter(admission,
                    new AdmissionIT.Limits(null, null, null, 2, null, null).key(rows.key(user, group), user, group, "balance"));
            LimitsContract.concurrencySlotsAreReleased(admission, coordination,
                    new AdmissionIT.Limits(null, 1, 2, null, null, null).key(rows.key(user, group), user, group, "balance"));
        }
    }
}
