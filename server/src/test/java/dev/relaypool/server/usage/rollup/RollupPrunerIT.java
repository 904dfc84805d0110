package dev.relaypool.server.usage.rollup;

import static dev.relaypool.server.storage.schema.Tables.USAGE_ROLLUPS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.server.coordination.local.LocalCoordination;
import dev.relaypool.server.storage.Database;
import dev.relaypool.server.testing.BillingRows;
import dev.relaypool.server.testing.PostgresExtension;
import dev.relaypool.server.testing.TestDatabase;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Minute rollups past the retention are deleted; hour and day rollups, and recent minutes, stay. */
class RollupPrunerIT {
    @RegisterExtension static final PostgresExtension postgres = new PostgresExtension();
    static final Instant NOW = Instant.parse("2026-07-24T12:00:30Z");

    @Test
    void prunesOnlyMinuteRollupsOlderThanTheRetention() {
        BillingRows rows = new BillingRows(postgres.dsl());
        long user = rows.user("10");
        long group = rows.balanceGroup("1");
        long key = rows.key(user, group);
        rows.usage(key, user, group, List.of(new BillingRows.Spend(NOW.minus(Duration.ofHours(72)), BigDecimal.ONE),
                new BillingRows.Spend(NOW.minus(Duration.ofHours(47)), BigDecimal.ONE)));
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

        try (Database database = TestDatabase.open(postgres, 2)) {
            int deleted = new RollupPruner(database, new LocalCoordination(clock).locks(), Duration.ofHours(48), clock)
                    .runOnce();

            // 6 dimensions of the old minute (no account: the row has none)
            assertThat(deleted).isEqualTo(5);
        }
        assertThat(count("minute")).isEqualTo(5);
        assertThat(count("hour")).isEqualTo(10);
        assertThat(count("day")).isEqualTo(10);
    }

    private static int count(String granularity) {
        return postgres.dsl().fetchCount(USAGE_ROLLUPS, USAGE_ROLLUPS.GRANULARITY.eq(granularity));
    }
}
