package dev.relaypool.server.clients;

import static dev.relaypool.server.storage.schema.Tables.USAGE_LOG;
import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.fake.FakeUpstream;
import dev.relaypool.fake.RecordedRequest;
import dev.relaypool.model.Platform;
import dev.relaypool.server.storage.schema.tables.records.UsageLogRecord;
import dev.relaypool.server.testing.RelayFixture;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jooq.DSLContext;

/**
 * A member with a key in a fresh group whose one account has a credential the test knows, so that the test can
 * check which credential reached the fake upstream and which usage rows the relay wrote for the member.
 */
record ClientMember(long userId, long accountId, String key, String upstreamKey) {
    private static final Duration USAGE_WAIT = Duration.ofSeconds(15);

    static ClientMember seed(RelayFixture relay, Platform platform, String upstreamKey) {
        long user = relay.user(new BigDecimal("50"));
        long group = relay.group(platform);
        long account = relay.account(group, platform, upstreamKey, 10);
        return new ClientMember(user, account, relay.key(user, group), upstreamKey);
    }

    /**
     * Every request the fake received carried this member's account credential, and the member's own key appears
     * nowhere in it (headers, query, body). Returns the requests for further checks.
     */
    List<RecordedRequest> assertUpstreamSawOnlyTheAccountCredential(FakeUpstream upstream) {
        List<RecordedRequest> requests = upstream.requests();
        assertThat(requests).as("requests that reached the fake upstream").isNotEmpty();
        for (RecordedRequest request : requests) {
            assertThat(request.credential()).as("credential of %s", request).isEqualTo(upstreamKey);
            assertThat(request.query()).as("query of %s", request).doesNotContain(key);
            assertThat(request.bodyText()).as("body of %s", request).doesNotContain(key);
            request.headers().forEach((name, values) ->
                    assertThat(values).as("header %s of %s", name, request).noneMatch(v -> v.contains(key)));
        }
        return requests;
    }

    /** The member's usage rows once there is one per upstream request (the journal settles asynchronously). */
    List<UsageLogRecord> awaitUsageRows(DSLContext dsl, int expected) throws InterruptedException {
        Instant deadline = Instant.now().plus(USAGE_WAIT);
        List<UsageLogRecord> rows = List.of();
        while (Instant.now().isBefore(deadline)) {
            rows = dsl.selectFrom(USAGE_LOG).where(USAGE_LOG.USER_ID.eq(userId)).orderBy(USAGE_LOG.ID).fetch();
            if (rows.size() >= expected) {
                return rows;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("expected " + expected + " usage rows for user " + userId + " within " + USAGE_WAIT
                + ", found " + rows.size() + ": " + rows);
    }
}
