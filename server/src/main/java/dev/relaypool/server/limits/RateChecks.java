package dev.relaypool.server.limits;

import dev.relaypool.server.coordination.RateDecision;
import dev.relaypool.server.coordination.RateWindows;
import dev.relaypool.server.keys.ActiveKey;
import dev.relaypool.server.limits.AdmissionResult.Reason;
import dev.relaypool.server.limits.AdmissionResult.Refused;
import dev.relaypool.server.usage.UsageRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Requests and tokens per minute, per key, per user and per group, in the coordination's sliding windows (shared by
 * every node). A request counts one towards RPM when admitted; its tokens count towards TPM once the answer is
 * known ({@link #countTokens}), so TPM admits a request while the last minute's tokens are at most the limit.
 */
final class RateChecks {
    static final Duration MINUTE = Duration.ofMinutes(1);

    private final RateWindows windows;

    RateChecks(RateWindows windows) {
        this.windows = windows;
    }

    Optional<Refused> check(ActiveKey key, Instant now) {
        Optional<Refused> refused = requests("API key", "key", key.keyId(), key.keyRpmLimit(), now);
        refused = refused.or(() -> requests("user", "user", key.userId(), key.userRpmLimit(), now));
        refused = refused.or(() -> requests("group '" + key.groupName() + "'", "group", key.groupId(),
                key.groupRpmLimit(), now));
        refused = refused.or(() -> tokens("API key", "key", key.keyId(), key.keyTpmLimit(), now));
        refused = refused.or(() -> tokens("user", "user", key.userId(), key.userTpmLimit(), now));
        return refused.or(() -> tokens("group '" + key.groupName() + "'", "group", key.groupId(), key.groupTpmLimit(),
                now));
    }

    /** After the answer: its tokens count against the key's, the user's and the group's TPM windows. */
    void countTokens(UsageRecord record) {
        long tokens = record.tokens().totalTokens();
        if (tokens > 0) {
            windows.add(tpmKey("key", record.apiKeyId()), tokens, MINUTE);
            windows.add(tpmKey("user", record.userId()), tokens, MINUTE);
            windows.add(tpmKey("group", record.groupId()), tokens, MINUTE);
        }
    }

    private Optional<Refused> requests(String who, String scope, long id, Integer limit, Instant now) {
        if (limit == null || limit <= 0) {
            return Optional.empty();
        }
        return limited(windows.tryConsume("limits:rpm:" + scope + ":" + id, 1, limit, MINUTE), Reason.RPM_LIMIT,
                "The " + who + " limit of " + limit + " requests per minute is reached", now);
    }

    private Optional<Refused> tokens(String who, String scope, long id, Long limit, Instant now) {
        if (limit == null || limit <= 0) {
            return Optional.empty();
        }
        // amount 0: counts nothing, refused only while the last minute's tokens exceed the limit
        return limited(windows.tryConsume(tpmKey(scope, id), 0, limit, MINUTE), Reason.TPM_LIMIT,
                "The " + who + " limit of " + limit + " tokens per minute is reached", now);
    }

    private static Optional<Refused> limited(RateDecision decision, Reason reason, String what, Instant now) {
        return switch (decision) {
            case RateDecision.Allowed() -> Optional.empty();
            case RateDecision.Limited(Duration retryAfter) -> Optional.of(new Refused(reason,
                    what + "; retry " + Wording.at(now.plus(retryAfter), now) + ".", Optional.of(retryAfter)));
        };
    }

    private static String tpmKey(String scope, long id) {
        return "limits:tpm:" + scope + ":" + id;
    }
}
