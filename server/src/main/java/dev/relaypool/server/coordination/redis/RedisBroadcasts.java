package dev.relaypool.server.coordination.redis;

import static dev.relaypool.server.coordination.redis.RedisScripts.PREFIX;

import dev.relaypool.server.coordination.Arguments;
import dev.relaypool.server.coordination.Broadcasts;
import java.util.Objects;
import java.util.function.Consumer;
import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Broadcasts over Redis pub/sub, one channel per topic ({@code relaypool:broadcast:<topic>}). */
final class RedisBroadcasts implements Broadcasts {
    private static final Logger log = LoggerFactory.getLogger(RedisBroadcasts.class);

    private final RedissonClient redisson;

    RedisBroadcasts(RedissonClient redisson) {
        this.redisson = redisson;
    }

    @Override
    public void publish(String topic, String message) {
        topic(topic).publish(Objects.requireNonNull(message, "message"));
    }

    @Override
    public Subscription subscribe(String topic, Consumer<String> listener) {
        Objects.requireNonNull(listener, "listener");
        RTopic channel = topic(topic);
        int id = channel.addListener(String.class, (name, message) -> {
            try {
                listener.accept(message);
            } catch (RuntimeException e) {
                log.warn("Broadcast listener on {} failed", topic, e);
            }
        });
        return () -> {
            try {
                channel.removeListener(id);
            } catch (RuntimeException e) {
                log.debug("Could not unsubscribe from {}: {}", topic, e.toString());
            }
        };
    }

    private RTopic topic(String topic) {
        return redisson.getTopic(PREFIX + "broadcast:" + Arguments.key(topic), StringCodec.INSTANCE);
    }
}
