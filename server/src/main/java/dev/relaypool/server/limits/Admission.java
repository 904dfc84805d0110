package dev.relaypool.server.limits;

import dev.relaypool.model.Platform;
import dev.relaypool.server.billing.CostCalculator;
import dev.relaypool.server.config.RelaypoolConfig;
import dev.relaypool.server.coordination.Coordination;
import dev.relaypool.server.keys.ActiveKey;
import dev.relaypool.server.limits.AdmissionResult.Reason;
import dev.relaypool.server.limits.AdmissionResult.Refused;
import dev.relaypool.server.scheduling.LeaseRenewer;
import dev.relaypool.server.storage.Database;
import dev.relaypool.server.usage.UsageSink;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Front door of admission: whether a member's request may be scheduled, checked in this order, first refusal
 * wins: key expiry; in standard billing mode, the model's price (with {@code unpriced-model = refuse}), billing
 * eligibility, the key's quota and rolling USD limits; RPM and TPM per key, user and group; then a concurrency slot
 * per user and per key, waiting in a bounded queue. An admitted request holds its slots until the gateway releases
 * them. In simple mode nothing is charged, so the money checks are skipped; rate and concurrency limits still apply.
 */
public final class Admission {
    private static final Logger log = LoggerFactory.getLogger(Admission.class);
    private static final Duration OUTAGE_RETRY = Duration.ofSeconds(5);

    /** How long spending state is cached per key, and how long and how many requests may queue for a slot. */
    public record Settings(Duration stateTtl, Duration concurrencyWait, int maxWaiters) {
        public static final Settings DEFAULTS = new Settings(Duration.ofSeconds(3), Duration.ofSeconds(30), 20);

        public Settings {
            Objects.requireNonNull(stateTtl, "stateTtl");
            Objects.requireNonNull(concurrencyWait, "concurrencyWait");
            if (maxWaiters < 0) {
                throw new IllegalArgumentException("maxWaiters must not be negative");
            }
        }
    }

    private final SpendingStore spending;
    private final CostCalculator calculator;
    private final RelaypoolConfig.Billing billing;
    private final RateChecks rates;
    private final ConcurrencyGate concurrency;
    private final Clock clock;

    public Admission(Database database, CostCalculator calculator, RelaypoolConfig.Billing billing,
                     Coordination coordination, LeaseRenewer renewer, Settings settings, Clock clock) {
        this.spending = new SpendingStore(database, settings.stateTtl(), billing.minuteRollupRetention());
        this.calculator = calculator;
        this.billing = billing;
        this.rates = new RateChecks(coordination.rateWindows());
        this.concurrency = new ConcurrencyGate(coordination.leases(), renewer, settings.concurrencyWait(),
                settings.maxWaiters());
        this.clock = clock;
    }

    public AdmissionResult admit(ActiveKey key, String model) {
        Instant now = clock.instant();
        if (key.expiresAt() != null && !now.isBefore(key.expiresAt())) {
            return new Refused(Reason.KEY_EXPIRED, "This API key expired at " + key.expiresAt() + ".", Optional.empty());
        }
        if (billing.mode() == RelaypoolConfig.BillingMode.STANDARD) {
            Optional<Refused> money = money(key, model, now);
            if (money.isPresent()) {
                return money.get();
            }
        }
        try {
            Optional<Refused> rate = rates.check(key, now);
            return rate.isPresent() ? rate.get() : concurrency.enter(key);
        } catch (RuntimeException e) {
            log.warn("Rate and concurrency limits unavailable ({}); refusing key {}", e.toString(), key.keyPrefix());
            return new Refused(Reason.LIMITS_UNAVAILABLE, "Rate limits cannot be checked right now; retry shortly.",
                    Optional.of(OUTAGE_RETRY));
        }
    }

    /** Wraps the usage sink so that each answer's tokens count towards the TPM windows before it is settled. */
    public UsageSink countingTokens(UsageSink next) {
        return record -> {
            try {
                rates.countTokens(record);
            } catch (RuntimeException e) {
                log.warn("Tokens of request {} not counted towards TPM: {}", record.requestId(), e.toString());
            }
            next.accept(record);
        };
    }

    /** Forget cached balances and usage: call after a top-up, a redemption or an admin change. */
    public void invalidate() {
        spending.invalidate();
    }

    private Optional<Refused> money(ActiveKey key, String model, Instant now) {
        Platform platform = key.platform();
        if (!calculator.admits(model, platform)) {
            return Optional.of(new Refused(Reason.MODEL_NOT_PRICED, "The model '" + model
                    + "' has no price on this relay, so it cannot be billed; ask an administrator to price it.",
                    Optional.empty()));
        }
        boolean subscription = "subscription".equals(key.billingType());
        SpendingStore.Read read;
        try {
            read = spending.state(key.keyId(), subscription, now);
        } catch (RuntimeException e) {
            return unavailable(key, e);
        }
        Optional<Refused> refused = SpendingChecks.check(key, read.state(), now);
        if (refused.isPresent() && read.stale()) { // a stale state only lets requests in
            SpendingState fresh;
            try {
                fresh = spending.fresh(key.keyId(), subscription, now);
            } catch (RuntimeException e) {
                return unavailable(key, e);
            }
            refused = SpendingChecks.check(key, fresh, now);
        }
        return refused;
    }

    private Optional<Refused> unavailable(ActiveKey key, RuntimeException e) {
        if (!billing.failClosed()) {
            log.warn("Billing store unavailable ({}); admitting key {} unchecked (fail-closed is off)",
                    e.toString(), key.keyPrefix());
            return Optional.empty();
        }
        log.warn("Billing store unavailable ({}); refusing key {}", e.toString(), key.keyPrefix());
        return Optional.of(new Refused(Reason.BILLING_UNAVAILABLE,
                "Billing is unavailable right now, so requests cannot be accepted; retry shortly.",
                Optional.of(OUTAGE_RETRY)));
    }
}
