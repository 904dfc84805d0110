package dev.relaypool.server.admin;

import dev.relaypool.server.accounts.Accounts;
import dev.relaypool.server.accounts.CredentialCodec;
import dev.relaypool.server.auth.TokensValidAfter;
import dev.relaypool.server.billing.PriceBook;
import dev.relaypool.server.coordination.Coordination;
import dev.relaypool.server.events.LiveEvents;
import dev.relaypool.server.keys.ApiKeys;
import dev.relaypool.server.net.UpstreamAddressPolicy;
import dev.relaypool.server.redeem.RedeemCodes;
import dev.relaypool.server.storage.Database;
import dev.relaypool.server.users.PasswordHasher;
import java.time.Clock;
import java.util.Objects;

/**
 * What the admin resources work with, wired once in {@code RelaypoolServer}. {@code accounts} is reloaded after
 * every account or group change so the scheduler sees it; {@code keys} is invalidated after user and key changes;
 * {@code addresses} is the one SSRF policy for base URLs; {@code prices} is reloaded after price writes.
 */
public record AdminContext(Database database, Accounts accounts, CredentialCodec codec, ApiKeys keys,
                           Coordination coordination, TokensValidAfter validAfter, PasswordHasher hasher,
                           LiveEvents events, UpstreamAddressPolicy addresses, RedeemCodes redeem,
                           PriceBook prices, Clock clock) {
    public AdminContext {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(accounts, "accounts");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(coordination, "coordination");
        Objects.requireNonNull(validAfter, "validAfter");
        Objects.requireNonNull(hasher, "hasher");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(addresses, "addresses");
        Objects.requireNonNull(redeem, "redeem");
        Objects.requireNonNull(prices, "prices");
        Objects.requireNonNull(clock, "clock");
    }
}
