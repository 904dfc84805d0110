package dev.relaypool.fake;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/** What the fake answers with, changeable while it runs (tests and the control endpoint). Thread-safe. */
final class Settings {
    static final Duration DEFAULT_HANG_LIMIT = Duration.ofMinutes(10);
    static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofHours(1);

    /** The values {@link #reset()} returns to: the ones the fake was started with. */
    record Defaults(String reply, int deltas, Duration pacing) {
        Defaults {
            if (deltas < 1) {
                throw new IllegalArgumentException("deltas must be at least 1");
            }
            Objects.requireNonNull(pacing, "pacing");
        }
    }

    private final Defaults defaults;
    private final Queue<Behaviour> queue = new ConcurrentLinkedQueue<>();
    private final Map<String, Behaviour> perCredential = new ConcurrentHashMap<>();
    private volatile Behaviour fallback;
    private volatile String reply;
    private volatile int deltas;
    private volatile Duration pacing;
    private volatile Usage usage;
    private volatile Duration hangLimit;
    private volatile Duration tokenLifetime;

    Settings(Defaults defaults) {
        this.defaults = defaults;
        reset();
    }

    void reset() {
        queue.clear();
        perCredential.clear();
        fallback = Behaviour.answer();
        reply = defaults.reply();
        deltas = defaults.deltas();
        pacing = defaults.pacing();
        usage = null;
        hangLimit = DEFAULT_HANG_LIMIT;
        tokenLifetime = DEFAULT_TOKEN_LIFETIME;
    }

    /** A credential's own behaviour first (not consumed), then the queue (consumed), then the default. */
    Behaviour next(String credential) {
        if (credential != null) {
            Behaviour own = perCredential.get(credential);
            if (own != null) {
                return own;
            }
        }
        Behaviour queued = queue.poll();
        return queued != null ? queued : fallback;
    }

    void enqueue(Behaviour behaviour) {
        queue.add(Objects.requireNonNull(behaviour, "behaviour"));
    }

    void setDefault(Behaviour behaviour) {
        fallback = Objects.requireNonNull(behaviour, "behaviour");
    }

    void forCredential(String credential, Behaviour behaviour) {
        Objects.requireNonNull(credential, "credential");
        if (behaviour == null) {
            perCredential.remove(credential);
        } else {
            perCredential.put(credential, behaviour);
        }
    }

    void setReply(String text, int deltaCount) {
        if (deltaCount < 1) {
            throw new IllegalArgumentException("deltaCount must be at least 1");
        }
        reply = text;
        deltas = deltaCount;
    }

    /** The configured reply, or the platform's own greeting. */
    String replyText(String platform) {
        String text = reply;
        return text != null ? text : "Hello from the fake " + platform + " upstream.";
    }

    /** The configured reply text, or null when each platform answers with its own greeting. */
    String reply() {
        return reply;
    }

    int deltas() {
        return deltas;
    }

    void setPacing(Duration value) {
        if (Objects.requireNonNull(value, "pacing").isNegative()) {
            throw new IllegalArgumentException("pacing must not be negative");
        }
        pacing = value;
    }

    Duration pacing() {
        return pacing;
    }

    void setUsage(Usage value) {
        usage = value;
    }

    /** The configured usage, or one derived from the sizes: about four bytes a token, as a rough tokenizer would. */
    Usage usageFor(int requestBytes, String replyText) {
        Usage fixed = usage;
        return fixed != null ? fixed : Usage.of(Math.max(1, requestBytes / 4), Math.max(1, (replyText.length() + 3) / 4));
    }

    void setHangLimit(Duration value) {
        hangLimit = Objects.requireNonNull(value, "hangLimit");
    }

    Duration hangLimit() {
        return hangLimit;
    }

    void setTokenLifetime(Duration value) {
        tokenLifetime = Objects.requireNonNull(value, "tokenLifetime");
    }

    Duration tokenLifetime() {
        return tokenLifetime;
    }
}
