package dev.relaypool.server.limits;

import dev.relaypool.server.gateway.GatewayError;
import dev.relaypool.server.gateway.KeyAuthenticator;
import dev.relaypool.server.gateway.KeyContext;
import dev.relaypool.server.gateway.KeyLookup;
import dev.relaypool.server.keys.ActiveKey;
import dev.relaypool.server.keys.ApiKeys;
import dev.relaypool.server.keys.KeyCheck;
import dev.relaypool.server.limits.AdmissionResult.Reason;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Plugs {@link Admission} into the gateway. The gateway only carries a {@link KeyContext}, while admission needs the
 * key's limits ({@link ActiveKey}); so this one object is both the gateway's {@link KeyAuthenticator} (it checks the
 * key with {@link ApiKeys}, which caches) and its admission hook, and remembers the last {@link ActiveKey} seen per
 * key id in between. Pass it as both collaborators.
 */
public final class GatewayAdmission implements KeyAuthenticator, dev.relaypool.server.gateway.Admission {
    private static final int MAX_REMEMBERED = 100_000;

    private final ApiKeys keys;
    private final Admission admission;
    private final Map<Long, ActiveKey> active = new ConcurrentHashMap<>();

    public GatewayAdmission(ApiKeys keys, Admission admission) {
        this.keys = keys;
        this.admission = admission;
    }

    @Override
    public KeyLookup authenticate(String presentedKey) {
        return authenticate(presentedKey, Optional.empty());
    }

    @Override
    public KeyLookup authenticate(String presentedKey, Optional<InetAddress> client) {
        return switch (keys.check(presentedKey, client)) {
            case KeyCheck.Active(ActiveKey key) -> {
                if (active.size() >= MAX_REMEMBERED) {
                    active.clear();
                }
                active.put(key.keyId(), key);
                yield new KeyLookup.Active(new KeyContext(key.userId(), key.keyId(), key.groupId(), key.platform()));
            }
            case KeyCheck.Unknown ignored -> new KeyLookup.Unknown();
            case KeyCheck.Disabled ignored -> new KeyLookup.Disabled();
            case KeyCheck.Expired ignored -> new KeyLookup.Expired();
            case KeyCheck.AddressRefused(String message) -> new KeyLookup.AddressRefused(message);
            case KeyCheck.Throttled(Duration retryAfter) -> new KeyLookup.Throttled(retryAfter);
        };
    }

    @Override
    public Verdict admit(KeyContext context, String model) {
        ActiveKey key = active.get(context.apiKeyId());
        if (key == null) { // forgotten between authentication and now (the map was just cleared): refuse, retryable
            return new Verdict.Refused(GatewayError.BILLING_UNAVAILABLE, "Please retry.", Optional.empty());
        }
        return switch (admission.admit(key, model)) {
            case AdmissionResult.Admitted(var leases) -> new Verdict.Admitted(leases);
            case AdmissionResult.Refused refused ->
                    new Verdict.Refused(error(refused.reason()), refused.message(), refused.retryAfter());
        };
    }

    /** The gateway error (and so the status and envelope type) of each refusal. */
    static GatewayError error(Reason reason) {
        return switch (reason) {
            case KEY_EXPIRED -> GatewayError.KEY_EXPIRED;
            case MODEL_NOT_PRICED -> GatewayError.MODEL_NOT_PRICED;
            case INSUFFICIENT_BALANCE -> GatewayError.INSUFFICIENT_BALANCE;
            case NO_SUBSCRIPTION -> GatewayError.SUBSCRIPTION_REQUIRED;
            case SUBSCRIPTION_LIMIT, KEY_SPENDING_LIMIT -> GatewayError.SPENDING_LIMIT;
            case KEY_QUOTA -> GatewayError.QUOTA_EXCEEDED;
            case RPM_LIMIT, TPM_LIMIT -> GatewayError.RATE_LIMITED;
            case CONCURRENCY_LIMIT -> GatewayError.CONCURRENCY_LIMITED;
            case BILLING_UNAVAILABLE, LIMITS_UNAVAILABLE -> GatewayError.BILLING_UNAVAILABLE;
        };
    }
}
