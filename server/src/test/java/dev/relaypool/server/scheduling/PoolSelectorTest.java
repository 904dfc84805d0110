package dev.relaypool.server.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.model.Platform;
import dev.relaypool.server.coordination.Lease;
import dev.relaypool.server.gateway.FailureClass;
import dev.relaypool.server.gateway.GatewayError;
import dev.relaypool.server.gateway.Selection;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Candidates and choice: priority, load, window reset, least recently used, cooldowns, waiting, lease expiry. */
class PoolSelectorTest {
    private final Pool pool = new Pool();

    @AfterEach
    void close() {
        pool.close();
    }

    private Selection.Chosen choose(String model) {
        Selection selection = pool.selector.select(Pool.KEY, model, Optional.empty(), Set.of());
        assertThat(selection).isInstanceOf(Selection.Chosen.class);
        return (Selection.Chosen) selection;
    }

    private long chooseAndRelease() {
        Selection.Chosen chosen = choose("claude-sonnet-4-5");
        chosen.lease().release();
        return chosen.account().id();
    }

    @Test
    void choosesLowestPriorityNumberFirst() {
        pool.add(1, 20, 3);
        pool.add(2, 10, 3);
        assertThat(chooseAndRelease()).isEqualTo(2);
    }

    @Test
    void amongEqualPrioritiesChoosesTheLeastLoaded() {
        pool.add(1, 10, 2);
        pool.add(2, 10, 4);
        Selection.Chosen first = choose("m");
        Selection.Chosen second = choose("m");
        Selection.Chosen third = choose("m");
        // 1 of 2 is 50 %, 1 of 4 is 25 %: the third goes to the account with the lower ratio
        assertThat(Set.of(first.account().id(), second.account().id())).containsExactlyInAnyOrder(1L, 2L);
        assertThat(third.account().id()).isEqualTo(2);
        first.lease().release();
        second.lease().release();
        third.lease().release();
        assertThat(pool.coordination.leases().inUse(PoolSelector.leaseKey(1))).isZero();
        assertThat(pool.coordination.leases().inUse(PoolSelector.leaseKey(2))).isZero();
    }

    @Test
    void amongEqualLoadsChoosesTheLeastRecentlyUsed() {
        pool.add(1, 10, 3);
        pool.add(2, 10, 3);
        long first = chooseAndRelease();
        pool.clock.advance(Duration.ofSeconds(1));
        long second = chooseAndRelease();
        pool.clock.advance(Duration.ofSeconds(1));
        long third = chooseAndRelease();
        assertThat(second).isNotEqualTo(first);
        assertThat(third).isEqualTo(first);
    }

    @Test
    void amongEqualsPrefersTheAccountWhoseWindowResetsSoonest() {
        pool.add(1, 10, 3);
        pool.add(2, 10, 3);
        long now = pool.clock.instant().getEpochSecond();
        pool.selector.onUpstreamHeaders(pool.accounts.get(0).upstream(), windows(now + 3 * 3600));
        pool.selector.onUpstreamHeaders(pool.accounts.get(1).upstream(), windows(now + 1800));
        assertThat(chooseAndRelease()).isEqualTo(2);
        pool.clock.advance(Duration.ofSeconds(1));
        assertThat(chooseAndRelease()).as("least recent use comes after the window").isEqualTo(2);
    }

    private static java.util.function.Function<String, String> windows(long fiveHourReset) {
        Map<String, String> headers = new HashMap<>();
        headers.put("anthropic-ratelimit-unified-5h-status", "allowed");
        headers.put("anthropic-ratelimit-unified-5h-reset", Long.toString(fiveHourReset));
        headers.put("anthropic-ratelimit-unified-5h-utilization", "0.3");
        return headers::get;
    }

    @Test
    void keepsOnlyAccountsOfThePlatformThatServeTheModelAndSendsTheMappedName() {
        pool.add(1, Platform.OPENAI, 1, 3, Map.of());
        pool.add(2, Platform.ANTHROPIC, 5, 3, Map.of("claude-haiku-*", "claude-haiku-4-5"));
        pool.add(3, Platform.ANTHROPIC, 9, 3, Map.of("claude-*", "*", "claude-sonnet-4-5", "claude-sonnet-4-5-20250929"));

        Selection.Chosen sonnet = choose("claude-sonnet-4-5");
        assertThat(sonnet.account().id()).isEqualTo(3);
        assertThat(sonnet.upstreamModel()).as("the exact name beats the wildcard").isEqualTo("claude-sonnet-4-5-20250929");
        Selection.Chosen haiku = choose("claude-haiku-3");
        assertThat(haiku.account().id()).isEqualTo(2);
        assertThat(haiku.upstreamModel()).isEqualTo("claude-haiku-4-5");

        Selection none = pool.selector.select(Pool.KEY, "gpt-5", Optional.empty(), Set.of());
        assertThat(none).isEqualTo(new Selection.NoneAvailable(GatewayError.MODEL_NOT_AVAILABLE, Duration.ZERO));
    }

    @Test
    void neverChoosesAnAccountTheRequestAlreadyFailedOn() {
        pool.add(1, 1, 3);
        pool.add(2, 2, 3);
        Selection selection = pool.selector.select(Pool.KEY, "m", Optional.empty(), Set.of(1L));
        assertThat(((Selection.Chosen) selection).account().id()).isEqualTo(2);
        ((Selection.Chosen) selection).lease().release();
        Selection none = pool.selector.select(Pool.KEY, "m", Optional.empty(), Set.of(1L, 2L));
        assertThat(none).isInstanceOf(Selection.NoneAvailable.class);
    }

    @Test
    void skipsACoolingAccountForTheProviderGivenTimeThenTakesItBack() {
        pool.add(1, 1, 3);
        pool.add(2, 2, 3);
        pool.selector.onFailure(pool.accounts.get(0).upstream(), FailureClass.RATE_LIMITED, Optional.of(Duration.ofSeconds(30)));
        assertThat(chooseAndRelease()).isEqualTo(2);
        pool.clock.advance(Duration.ofSeconds(29));
        assertThat(chooseAndRelease()).isEqualTo(2);
        pool.clock.advance(Duration.ofSeconds(2));
        assertThat(chooseAndRelease()).isEqualTo(1);
    }

    @Test
    void whenEveryAccountCoolsTellsTheClientWhenTheFirstComesBack() {
        pool.add(1, 1, 3);
        pool.selector.onFailure(pool.accounts.get(0).upstream(), FailureClass.OVERLOADED, Optional.empty());
        Selection none = pool.selector.select(Pool.KEY, "m", Optional.empty(), Set.of());
        assertThat(none).as("an outage is no rate limit").isEqualTo(new Selection.NoneAvailable(
                GatewayError.NO_ACCOUNT_AVAILABLE, CooldownPolicy.DEFAULTS.overloaded()));
    }

    @Test
    void aLoneServerErrorRestsBrieflyAndOneInARowRestsLong() {
        pool.add(1, 1, 3);
        var account = pool.accounts.get(0).upstream();
        pool.selector.onFailure(account, FailureClass.SERVER_ERROR, Optional.empty());
        assertThat(pool.coordination.cooldowns().get(1).orElseThrow().until())
                .isEqualTo(pool.clock.instant().plus(CooldownPolicy.DEFAULTS.firstServerError()));
        pool.clock.advance(Duration.ofSeconds(3));
        pool.selector.onFailure(account, FailureClass.EMPTY_ANSWER, Optional.empty());
        assertThat(pool.coordination.cooldowns().get(1).orElseThrow().until())
                .isEqualTo(pool.clock.instant().plus(CooldownPolicy.DEFAULTS.serverError()));

        pool.clock.advance(Duration.ofSeconds(31));
        pool.selector.onSuccess(Pool.KEY, Optional.empty(), account);
        pool.selector.onFailure(account, FailureClass.SERVER_ERROR, Optional.empty());
        assertThat(pool.coordination.cooldowns().get(1).orElseThrow().until()).as("a success ends the streak")
                .isEqualTo(pool.clock.instant().plus(CooldownPolicy.DEFAULTS.firstServerError()));
    }

    @Test
    void aRequestWhoseOnlyAccountJustFailedIsToldWhenItComesBack() {
        pool.add(1, 1, 3);
        pool.selector.onFailure(pool.accounts.get(0).upstream(), FailureClass.RATE_LIMITED, Optional.of(Duration.ofSeconds(42)));
        Selection none = pool.selector.select(Pool.KEY, "m", Optional.empty(), Set.of(1L));
        assertThat(none).isEqualTo(new Selection.NoneAvailable(GatewayError.UPSTREAM_RATE_LIMITED, Duration.ofSeconds(42)));
    }

    @Test
    void aFullPoolWaitsBoundedThenAnswers429WithRetryAfter() {
        pool.add(1, 1, 1);
        Selection.Chosen held = choose("m");
        long started = System.nanoTime();
        Selection busy = pool.selector.select(Pool.KEY, "m", Optional.empty(), Set.of());
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
        assertThat(busy).isInstanceOf(Selection.NoneAvailable.class);
        Selection.NoneAvailable refused = (Selection.NoneAvailable) busy;
        assertThat(refused.reason().status()).isEqualTo(429);
        assertThat(refused.retryAfter()).isPositive();
        held.lease().release();
    }

    @Test
    void aWaiterGetsTheSlotWhenItIsReleased() throws Exception {
        try (Pool patient = new Pool(Duration.ofSeconds(5), 10)) {
            patient.add(1, 1, 1);
            Selection.Chosen held = (Selection.Chosen) patient.selector.select(Pool.KEY, "m", Optional.empty(), Set.of());
            Thread releaser = Thread.ofVirtual().start(() -> {
                sleep(100);
                held.lease().release();
            });
            Selection waited = patient.selector.select(Pool.KEY, "m", Optional.empty(), Set.of());
            assertThat(waited).isInstanceOf(Selection.Chosen.class);
            ((Selection.Chosen) waited).lease().release();
            releaser.join();
            assertThat(patient.coordination.leases().inUse(PoolSelector.leaseKey(1))).isZero();
        }
    }

    @Test
    void tooManyWaitersAreRefusedAtOnce() {
        try (Pool crowded = new Pool(Duration.ofSeconds(5), 0)) {
            crowded.add(1, 1, 1);
            Selection.Chosen held = (Selection.Chosen) crowded.selector.select(Pool.KEY, "m", Optional.empty(), Set.of());
            long started = System.nanoTime();
            Selection refused = crowded.selector.select(Pool.KEY, "m", Optional.empty(), Set.of());
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
            assertThat(((Selection.NoneAvailable) refused).reason()).isEqualTo(GatewayError.ACCOUNTS_BUSY);
            held.lease().release();
        }
    }

    @Test
    void aSlotWhoseHolderDiedFreesItselfWhenItsTtlPasses() {
        pool.add(1, 1, 1);
        // a node that took the slot and then died: nobody renews or releases it
        Lease orphan = pool.coordination.leases().tryAcquire(PoolSelector.leaseKey(1), 1, Duration.ofSeconds(60)).orElseThrow();
        assertThat(pool.selector.select(Pool.KEY, "m", Optional.empty(), Set.of())).isInstanceOf(Selection.NoneAvailable.class);
        pool.clock.advance(Duration.ofSeconds(61));
        Selection.Chosen chosen = choose("m");
        assertThat(chosen.account().id()).isEqualTo(1);
        chosen.lease().release();
        assertThat(orphan.renew(Duration.ofSeconds(60))).isFalse();
    }

    @Test
    void cooldownDefaultsAreLongForAuthShortForOverloadAndNoneAfterTheFirstByte() {
        CooldownPolicy policy = CooldownPolicy.DEFAULTS;
        assertThat(policy.restFor(FailureClass.AUTH_REJECTED, Optional.empty())).contains(Duration.ofMinutes(30));
        assertThat(policy.restFor(FailureClass.OVERLOADED, Optional.empty())).contains(Duration.ofSeconds(10));
        assertThat(policy.restFor(FailureClass.RATE_LIMITED, Optional.of(Duration.ofSeconds(7)))).contains(Duration.ofSeconds(7));
        assertThat(policy.restFor(FailureClass.RATE_LIMITED, Optional.of(Duration.ofDays(3)))).contains(Duration.ofHours(6));
        assertThat(policy.restFor(FailureClass.STREAM_BROKEN, Optional.empty())).isEmpty();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
