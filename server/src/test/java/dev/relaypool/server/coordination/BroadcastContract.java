package dev.relaypool.server.coordination;

import static dev.relaypool.server.coordination.ContractFixture.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.server.coordination.Broadcasts.Subscription;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Broadcasts: reach every subscribed node (the sender's too), in order, until unsubscribed. */
interface BroadcastContract extends ContractFixture {

    @Test
    default void messagesReachEveryNodeInOrder() {
        String topic = key("invalidate");
        List<String> there = new CopyOnWriteArrayList<>();
        List<String> here = new CopyOnWriteArrayList<>();
        closeAfterTest(otherNode().broadcasts().subscribe(topic, there::add));
        closeAfterTest(node().broadcasts().subscribe(topic, here::add));

        node().broadcasts().publish(topic, "key:1");
        node().broadcasts().publish(topic, "key:2");

        assertThat(eventually(WITHIN, () -> there.size() == 2 && here.size() == 2)).isTrue();
        assertThat(there).containsExactly("key:1", "key:2");
        assertThat(here).containsExactly("key:1", "key:2");
    }

    @Test
    default void closedSubscriptionReceivesNothingMore() {
        String topic = key("events");
        List<String> closed = new CopyOnWriteArrayList<>();
        List<String> open = new CopyOnWriteArrayList<>();
        Subscription subscription = otherNode().broadcasts().subscribe(topic, closed::add);
        closeAfterTest(otherNode().broadcasts().subscribe(topic, open::add));

        subscription.close();
        subscription.close();
        node().broadcasts().publish(topic, "after");

        assertThat(eventually(WITHIN, () -> open.size() == 1)).isTrue();
        assertThat(closed).isEmpty();
    }

    @Test
    default void failingListenerDoesNotStopDelivery() {
        String topic = key("faulty");
        List<String> received = new CopyOnWriteArrayList<>();
        closeAfterTest(otherNode().broadcasts().subscribe(topic, message -> {
            throw new IllegalStateException("listener bug");
        }));
        closeAfterTest(otherNode().broadcasts().subscribe(topic, received::add));

        node().broadcasts().publish(topic, "one");
        node().broadcasts().publish(topic, "two");

        assertThat(eventually(WITHIN, () -> received.size() == 2)).isTrue();
    }
}
