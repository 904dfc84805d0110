package dev.relaypool.server.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.server.gateway.GatewayError;
import dev.relaypool.server.limits.AdmissionResult.Reason;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class GatewayAdmissionTest {
    @Test
    void everyRefusalKeepsItsStatusInTheGateway() {
        for (Reason reason : Reason.values()) {
            assertThat(GatewayAdmission.error(reason).status()).as(reason.name()).isEqualTo(reason.status());
        }
    }

    @Test
    void waitableRefusalsCarryRetryAfterToTheClient() {
        // the gateway sends Retry-After only for retryable errors
        for (Reason reason : new Reason[] {Reason.RPM_LIMIT, Reason.TPM_LIMIT, Reason.CONCURRENCY_LIMIT,
                Reason.SUBSCRIPTION_LIMIT, Reason.KEY_SPENDING_LIMIT, Reason.BILLING_UNAVAILABLE}) {
            assertThat(GatewayAdmission.error(reason).retryable()).as(reason.name()).isTrue();
        }
        assertThat(GatewayAdmission.error(Reason.INSUFFICIENT_BALANCE)).isEqualTo(GatewayError.INSUFFICIENT_BALANCE);
    }

    @Test
    void spansReadLikeAPerson() {
        assertThat(Wording.span(Duration.ofMinutes(192))).isEqualTo("3h 12m");
        assertThat(Wording.span(Duration.ofMillis(1))).isEqualTo("1s");
        assertThat(Wording.span(Duration.ofHours(51))).isEqualTo("2d 3h");
        assertThat(Wording.usd(new java.math.BigDecimal("0.00123"))).isEqualTo("$0.0012");
    }
}
