package dev.relaypool.server.coordination;

import static dev.relaypool.server.coordination.ContractFixture.accountId;
import static dev.relaypool.server.coordination.ContractFixture.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Cooldowns: seen by every node within a second, never shortened, cleared on demand, gone when over. */
interface CooldownContract extends ContractFixture {

    @Test
    default void cooldownIsSeenByAnotherNodeWithinASecond() {
        long account = accountId();
        Instant until = now().plusSeconds(60);

        Cooldown inForce = node().cooldowns().coolDown(account, until, "429 from upstream");

        assertThat(inForce).isEqualTo(new Cooldown(account, until, "429 from upstream"));
        assertThat(node().cooldowns().get(account)).as("on the writing node at once").contains(inForce);
        assertThat(eventually(WITHIN, () -> otherNode().cooldowns().get(account).equals(Optional.of(inForce))))
                .as("on the other node within a second").isTrue();
        assertThat(otherNode().cooldowns().active()).containsEntry(account, inForce);
    }

    @Test
    default void longerCooldownIsNeverShortened() {
        long account = accountId();
        Instant later = now().plusSeconds(600);
        node().cooldowns().coolDown(account, later, "auth failure");

        Cooldown inForce = otherNode().cooldowns().coolDown(account, now().plusSeconds(5), "429");

        assertThat(inForce.until()).isEqualTo(later);
        assertThat(inForce.reason()).isEqualTo("auth failure");
        assertThat(node().cooldowns().get(account).map(Cooldown::until)).contains(later);
    }

    @Test
    default void longerCooldownReplacesAShorterOne() {
        long account = accountId();
        node().cooldowns().coolDown(account, now().plusSeconds(5), "429");
        Instant later = now().plusSeconds(600);

        otherNode().cooldowns().coolDown(account, later, "quota exhausted");

        assertThat(eventually(WITHIN, () -> node().cooldowns().get(account).map(Cooldown::until)
                .equals(Optional.of(later)))).isTrue();
    }

    @Test
    default void clearedCooldownIsGoneOnEveryNode() {
        long account = accountId();
        node().cooldowns().coolDown(account, now().plusSeconds(60), "overloaded");
        assertThat(eventually(WITHIN, () -> otherNode().cooldowns().get(account).isPresent())).isTrue();

        otherNode().cooldowns().clear(account);

        assertThat(otherNode().cooldowns().get(account)).isEmpty();
        assertThat(eventually(WITHIN, () -> node().cooldowns().get(account).isEmpty())).isTrue();
        assertThat(node().cooldowns().active()).doesNotContainKey(account);
    }

    @Test
    default void cooldownEndsByItself() {
        long account = accountId();
        node().cooldowns().coolDown(account, now().plus(TTL), "overloaded");
        assertThat(node().cooldowns().get(account)).isPresent();

        passTime(TTL.plusMillis(50));

        assertThat(node().cooldowns().get(account)).isEmpty();
        assertThat(otherNode().cooldowns().active()).doesNotContainKey(account);
        Instant next = now().plusSeconds(1);
        assertThat(node().cooldowns().coolDown(account, next, "again").until())
                .as("an ended cooldown does not block a new, shorter one").isEqualTo(next);
    }
}
