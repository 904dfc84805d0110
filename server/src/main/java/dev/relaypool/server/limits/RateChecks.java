package dev.relaypool.server.limits;

import dev.relaypool.server.coordination.RateWindows;
import dev.relaypool.server.keys.ActiveKey;
import dev.relaypool.server.limits.AdmissionResult.Reason;
import dev.relaypool.server.limits.AdmissionResult.Refused;
import dev.relaypool.server.usage.UsageRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Requests and tokens per minute, per key, per user and per group, in the coordination's sliding windows (shared by
 * every node). A request counts one towards RPM when admitted; its tokens count towards TPM once the answer is
 * known ({@link #countTokens}), so TPM admits a request while the last minute's tokens are at most the limit.
 * All of a request's checks are one step of the coordination (one Redis round trip): a refusal by one limit counts
 * the request towards none.
 */
final class RateChecks {
    static final Duration MINUTE = Duration.ofMinutes(1);

    private final RateWindows windows;

    RateChecks(RateWindows windows) {
        this.windows = windows;
    }

    /** All of the key's RPM and TPM limits as one step: admitted, the request counts towards each RPM window. */
    Optional<Refused> check(ActiveKey key, Instant now) {
        List<Limit> limits = new ArrayList<>(6);
        requests(limits, "API key", "key", key.keyId(), key.keyRpmLimit());
        requests(limits, "user", "user", key.userId(), key.userRpmLimit());
        requests(limits, "group '" + key.groupName() + "'", "group", key.groupId(), key.groupRpmLimit());
        tokens(limits, "API key", "key", key.keyId(), key.keyTpmLimit());
        tokens(limits, "user", "user", key.userId(), key.userTpmLimit());
        tokens(limits, "group '" + key.groupName() + "'", "group", key.groupId(), key.groupTpmLimit());
        if (limits.isEmpty()) {
            return Optional.empty();
        }
        Optional<RateWindows.Refusal> refusal = windows.tryConsumeAll(limits.stream().map(Limit::check).toList());
        if (refusal.isEmpty()) {
            return Optional.empty();
        }
        Limit limit = limits.get(refusal.get().index());
        Duration retryAfter = refusal.get().limited().retryAfter();
        return Optional.of(new Refused(limit.reason(),
                limit.what() + "; retry " + Wording.at(now.plus(retryAfter), now) + ".", Optional.of(retryAfter)));
    }

    /** After the answer: its tokens count against the key's, the user's and the group's TPM windows. */
    void countTokens(UsageRecord record) {
        long tokens = record.tokens().totalTokens();
        if (tokens > 0) {
            windows.addAll(List.of(tpmKey("key", record.apiKeyId()), tpmKey("user", record.userId()),
                    tpmKey("group", record.groupId())), tokens, MINUTE);
        }
    }

    private record Limit(RateWindows.Consume check, Reason reason, String what) {}

    private static void requests(List<Limit> limits, String who, String scope, long id, Integer limit) {
        if (limit != null && limit > 0) {
            limits.add(new Limit(new RateWindows.Consume("limits:rpm:" + scope + ":" + id, 1, limit, MINUTE),
                    Reason.RPM_LIMIT, "The " + who + " limit of " + limit + " requests per minute is reached"));
        }
    }

    private static void tokens(List<Limit> limits, String who, String scope, long id, Long limit) {
        if (limit != null && limit > 0) {
            // amount 0: counts nothing, refused only while the last minute's tokens exceed the limit
            limits.add(new Limit(new RateWindows.Consume(tpmKey(scope, id), 0, limit, MINUTE),
                    Reason.TPM_LIMIT, "The " + who + " limit of " + limit + " tokens per minute is reached"));
        }
    }

    private static String tpmKey(String scope, long id) {
        return "limits:tpm:" + scope + ":" + id;
    }
}
