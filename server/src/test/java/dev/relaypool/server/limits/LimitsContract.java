package dev.relaypool.server.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.server.coordination.Coordination;
import dev.relaypool.server.keys.ActiveKey;
import dev.relaypool.server.limits.AdmissionResult.Admitted;
import dev.relaypool.server.limits.AdmissionResult.Reason;
import dev.relaypool.server.limits.AdmissionResult.Refused;
import java.time.Duration;

/** Rate and concurrency behaviour that must hold whichever coordination implementation admission runs on. */
final class LimitsContract {
    private LimitsContract() {}

    /** {@code key} has an RPM limit of 2. */
    static void rpmRefusesWithRetryAfter(Admission admission, ActiveKey key) {
        ((Admitted) admission.admit(key, AdmissionIT.MODEL)).leases().release();
        ((Admitted) admission.admit(key, AdmissionIT.MODEL)).leases().release();

        Refused refused = (Refused) admission.admit(key, AdmissionIT.MODEL);

        assertThat(refused.reason()).isEqualTo(Reason.RPM_LIMIT);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.message()).startsWith("The API key limit of 2 requests per minute is reached; retry at ");
        assertThat(refused.retryAfter()).hasValueSatisfying(d ->
                assertThat(d).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(63)));
    }

    /** {@code key} allows 1 request at a time (its user 2); the admission waits 300 ms for a slot. */
    static void concurrencySlotsAreReleased(Admission admission, Coordination coordination, ActiveKey key) {
        String keySlots = "limits:conc:key:" + key.keyId();
        String userSlots = "limits:conc:user:" + key.userId();
        Admitted first = (Admitted) admission.admit(key, AdmissionIT.MODEL);
        assertThat(coordination.leases().inUse(keySlots)).isEqualTo(1);
        assertThat(coordination.leases().inUse(userSlots)).isEqualTo(1);

        Refused second = (Refused) admission.admit(key, AdmissionIT.MODEL);
        assertThat(second.reason()).isEqualTo(Reason.CONCURRENCY_LIMIT);
        assertThat(second.message()).contains("this API key (1 requests at a time)");
        assertThat(coordination.leases().inUse(userSlots)).as("the user slot of a refused request is given back")
                .isEqualTo(1);

        first.leases().release();
        first.leases().release(); // twice is harmless
        assertThat(coordination.leases().inUse(keySlots)).isZero();
        assertThat(coordination.leases().inUse(userSlots)).isZero();
        Admitted third = (Admitted) admission.admit(key, AdmissionIT.MODEL);
        third.leases().release();
        assertThat(coordination.leases().inUse(keySlots)).isZero();
    }
}
