package dev.relaypool.server.coordination;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Sticky bindings: shared, expiring unless touched, and removable only while they still point where we think. */
interface StickyBindingContract extends ContractFixture {

    @Test
    default void bindingIsSeenByEveryNode() {
        node().stickyBindings().put(key("session"), "account-7", TTL);

        assertThat(otherNode().stickyBindings().get(key("session"))).contains("account-7");
        assertThat(otherNode().stickyBindings().get(key("other-session"))).isEmpty();
    }

    @Test
    default void bindingExpiresUnlessTouched() {
        node().stickyBindings().put(key("touched"), "a", TTL);
        node().stickyBindings().put(key("idle"), "b", TTL);
        passTime(TTL.multipliedBy(6).dividedBy(10));

        assertThat(otherNode().stickyBindings().touch(key("touched"), TTL)).isTrue();
        passTime(TTL.multipliedBy(6).dividedBy(10));

        assertThat(node().stickyBindings().get(key("touched"))).contains("a");
        assertThat(node().stickyBindings().get(key("idle"))).isEmpty();
        assertThat(node().stickyBindings().touch(key("idle"), TTL)).as("touching an expired binding").isFalse();
    }

    @Test
    default void putReplacesTheBinding() {
        node().stickyBindings().put(key("session"), "a", TTL);
        otherNode().stickyBindings().put(key("session"), "b", TTL);

        assertThat(node().stickyBindings().get(key("session"))).contains("b");
    }

    @Test
    default void removeIfValueKeepsANewerBinding() {
        String key = key("session");
        node().stickyBindings().put(key, "failed-account", TTL);
        otherNode().stickyBindings().put(key, "newer-account", TTL);

        assertThat(node().stickyBindings().removeIfValue(key, "failed-account")).isFalse();
        assertThat(node().stickyBindings().get(key)).contains("newer-account");

        assertThat(node().stickyBindings().removeIfValue(key, "newer-account")).isTrue();
        assertThat(otherNode().stickyBindings().get(key)).isEmpty();
    }

    @Test
    default void removeDropsTheBinding() {
        node().stickyBindings().put(key("session"), "a", TTL);

        otherNode().stickyBindings().remove(key("session"));

        assertThat(node().stickyBindings().get(key("session"))).isEmpty();
    }
}
