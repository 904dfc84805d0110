package dev.relaypool.server.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.server.gateway.FailureClass;
import dev.relaypool.server.gateway.Selection;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sticky bindings: written after success, first choice, scoped to group and key, refreshed, dropped. */
class StickySessionTest {
    private static final Optional<String> SESSION = Optional.of("claude:4f1c2a8e-0000-4000-8000-000000000001");
    private final Pool pool = new Pool();

    @BeforeEach
    void twoAccounts() {
        pool.add(1, 1, 3);
        pool.add(2, 2, 3);
    }

    @AfterEach
    void close() {
        pool.close();
    }

    private long choose(Optional<String> session) {
        return choose(Pool.KEY, session);
    }

    private long choose(dev.relaypool.server.gateway.KeyContext key, Optional<String> session) {
        Selection.Chosen chosen = (Selection.Chosen) pool.selector.select(key, "m", session, Set.of());
        chosen.lease().release();
        return chosen.account().id();
    }

    private void answeredBy(long accountId) {
        pool.selector.onSuccess(Pool.KEY, SESSION, pool.schedulableAccount(accountId).orElseThrow().upstream());
    }

    @Test
    void aBoundSessionGoesToItsAccountBeforePriority() {
        assertThat(choose(SESSION)).as("no binding before an answer").isEqualTo(1);
        answeredBy(2);
        assertThat(choose(SESSION)).isEqualTo(2);
        assertThat(choose(Optional.empty())).isEqualTo(1);
        assertThat(choose(Optional.of("claude:another"))).isEqualTo(1);
    }

    @Test
    void theBindingIsScopedToTheKey() {
        answeredBy(2);
        assertThat(choose(Pool.OTHER_KEY, SESSION)).isEqualTo(1);
    }

    @Test
    void aFailedAnswerBindsNothing() {
        pool.selector.onSuccess(Pool.KEY, Optional.empty(), pool.accounts.get(1).upstream());
        assertThat(choose(SESSION)).isEqualTo(1);
    }

    @Test
    void useRefreshesTheBindingAndDisuseLetsItExpire() {
        answeredBy(2);
        pool.clock.advance(Duration.ofMinutes(50));
        answeredBy(2); // the next turn's answer
        pool.clock.advance(Duration.ofMinutes(50));
        assertThat(choose(SESSION)).isEqualTo(2);
        pool.clock.advance(Duration.ofMinutes(61));
        assertThat(choose(SESSION)).isEqualTo(1);
    }

    @Test
    void theBindingIsDroppedWhenItsAccountFails() {
        answeredBy(2);
        pool.selector.onFailure(pool.accounts.get(1).upstream(), FailureClass.RATE_LIMITED, Optional.of(Duration.ofSeconds(5)));
        assertThat(choose(SESSION)).isEqualTo(1);
        assertThat(pool.coordination.stickyBindings().get(PoolSelector.stickyKey(Pool.KEY, SESSION.get()))).isEmpty();
        pool.clock.advance(Duration.ofSeconds(6));
        assertThat(choose(SESSION)).as("recovered, but the session has moved on").isEqualTo(1);
    }

    @Test
    void theBindingIsDroppedWhenItsAccountLeavesTheGroup() {
        answeredBy(2);
        pool.remove(2);
        assertThat(choose(SESSION)).isEqualTo(1);
        assertThat(pool.coordination.stickyBindings().get(PoolSelector.stickyKey(Pool.KEY, SESSION.get()))).isEmpty();
    }

    @Test
    void aFullBoundAccountYieldsToAFreeOneWithoutLosingTheBinding() {
        answeredBy(2);
        pool.add(3, 2, 1);
        pool.remove(2);
        pool.add(2, 2, 1);
        Selection.Chosen holding = (Selection.Chosen) pool.selector.select(Pool.KEY, "m", SESSION, Set.of());
        assertThat(holding.account().id()).isEqualTo(2);
        assertThat(choose(SESSION)).isEqualTo(1);
        holding.lease().release();
        assertThat(choose(SESSION)).isEqualTo(2);
    }
}
