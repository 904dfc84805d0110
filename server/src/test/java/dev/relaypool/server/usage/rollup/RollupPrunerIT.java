package dev.relaypool.server.usage.rollup;

import static dev.relaypool.server.storage.schema.Tables.USAGE_LOG;
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
        usage(user, key, group, NOW.minus(Duration.ofHours(72)));
        usage(user, key, group, NOW.minus(Duration.ofHours(47)));
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

    private static void usage(long user, long key, long group, Instant at) {
        long id = postgres.dsl().insertInto(USAGE_LOG).set(USAGE_LOG.REQUEST_ID, "prune-" + at)
                .set(USAGE_LOG.USER_ID, user).set(USAGE_LOG.API_KEY_ID, key).set(USAGE_LOG.GROUP_ID, group)
                .set(USAGE_LOG.PLATFORM, "anthropic").set(USAGE_LOG.ENDPOINT, "/v1/messages")
                .set(USAGE_LOG.REQUESTED_MODEL, "claude-a").set(USAGE_LOG.STREAM, false).set(USAGE_LOG.STATUS_CODE, 200)
                .set(USAGE_LOG.ACTUAL_COST, BigDecimal.ONE).set(USAGE_LOG.BILLING_TYPE, "balance")
                .set(USAGE_LOG.DURATION_MS, 10L).set(USAGE_LOG.CREATED_AT, at.atOffset(ZoneOffset.UTC))
                .returning(USAGE_LOG.ID).fetchSingle().getId();
        RollupWriter.add(postgres.dsl(), List.of(id));
    }
}
