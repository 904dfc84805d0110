package dev.relaypool.server.coordination.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relaypool.server.testing.RedisServerExtension;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The request path's Redis client against a real redis-server: replies, credentials, restarts, timeouts. */
class RespClientIT {
    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    private final RespClient admin = client(redis.url(), Duration.ofSeconds(2));

    private static RespClient client(URI url, Duration timeout) {
        return new RespClient(RedisUrl.parse(url), timeout);
    }

    @AfterEach
    void cleanUp() {
        redis.start();
        admin.call("CONFIG", "SET", "requirepass", "");
        admin.call("ACL", "DELUSER", "relay");
        admin.call("FLUSHALL");
        admin.close();
    }

    @Test
    void answersEachReplyTypeAndKeepsTheConnectionAfterAnErrorReply() {
        assertThat(admin.call("SET", "greeting", "héllo\r\nworld")).isEqualTo("OK");
        assertThat(admin.call("GET", "greeting")).isEqualTo("héllo\r\nworld"); // bulk, UTF-8, CRLF inside
        assertThat(admin.call("GET", "missing")).isNull();
        assertThat(admin.call("INCRBY", "counter", "41")).isEqualTo(41L);
        assertThat(admin.call("EVAL", "return {1, 'two', {3}, false}", "0"))
                .isEqualTo(Arrays.asList(1L, "two", List.of(3L), null));

        assertThatThrownBy(() -> admin.call("INCR", "greeting"))
                .isInstanceOf(RespClient.ErrorReply.class).hasMessageContaining("not an integer");
        assertThat(admin.call("INCR", "counter")).isEqualTo(42L); // the same pooled connection still works
        assertThat(admin.call("CLIENT", "GETNAME")).isEqualTo("relaypool");
    }

    @Test
    void signsInWithUserAndPasswordFromTheUrlAndUsesItsDatabase() {
        admin.call("ACL", "SETUSER", "relay", "on", ">pa+ss/word", "~*", "&*", "+@all");
        admin.call("CONFIG", "SET", "requirepass", "default-secret");
        admin.call("AUTH", "default-secret"); // this connection signed in before the password was set

        RespClient withUser = client(URI.create("redis://relay:pa+ss%2Fword@127.0.0.1:" + redis.port() + "/3"), Duration.ofSeconds(2));
        RespClient withPassword = client(URI.create("redis://:default-secret@127.0.0.1:" + redis.port()), Duration.ofSeconds(2));
        RespClient without = client(redis.url(), Duration.ofSeconds(2));
        try (withUser; withPassword; without) {
            withUser.call("SET", "where", "database 3");
            assertThat(withPassword.call("GET", "where")).as("database 0").isNull();
            assertThat(withPassword.call("SELECT", "3")).isEqualTo("OK");
            assertThat(withPassword.call("GET", "where")).isEqualTo("database 3");
            assertThatThrownBy(() -> without.call("GET", "where"))
                    .isInstanceOf(RespClient.ErrorReply.class).hasMessageContaining("NOAUTH");
        }
    }

    @Test
    void aRestartedRedisIsReachedAgainWithoutAFailedCall() {
        admin.call("SET", "before", "1");
        redis.stop();
        long asked = System.nanoTime();
        assertThatThrownBy(() -> admin.call("GET", "before")).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("Redis at 127.0.0.1:" + redis.port());
        assertThat(Duration.ofNanos(System.nanoTime() - asked)).isLessThan(Duration.ofSeconds(3));

        redis.start();
        admin.call("SET", "after", "2"); // a pooled connection may be dead: the command goes on a new one, once
        redis.stop();
        redis.start();
        assertThat(admin.call("GET", "after")).as("the restarted Redis is empty; the call itself succeeds").isNull();
    }

    @Test
    void aCallThatTimesOutIsNotSentAgain() throws InterruptedException {
        // The script counts its runs, then keeps Redis busy for 0.8 s: past the client's 0.5 s timeout, but short
        // enough that a second connection made after the timeout would get through and run it again.
        String slow = """
                redis.call('INCR', KEYS[1])
                local function micros() local t = redis.call('TIME') return tonumber(t[1]) * 1000000 + tonumber(t[2]) end
                local stop_at = micros() + 800000
                while micros() < stop_at do end
                return 1
                """;
        RespClient impatient = client(redis.url(), Duration.ofMillis(500));
        try (impatient) {
            impatient.call("PING"); // a pooled connection, the case where a dead one is retried
            assertThatThrownBy(() -> impatient.call("EVAL", slow, "1", "runs"))
                    .isInstanceOf(UncheckedIOException.class);
        }
        assertThat(untilAnswered(() -> admin.call("GET", "runs"))).isEqualTo("1");
    }

    /** Reads again while Redis answers BUSY (a script past its time limit). */
    private static Object untilAnswered(java.util.function.Supplier<Object> read) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try {
                return read.get();
            } catch (RuntimeException busy) {
                if (System.nanoTime() > deadline) {
                    throw busy;
                }
                Thread.sleep(100);
            }
        }
    }
}
