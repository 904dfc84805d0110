package dev.relaypool.server.admin;

import dev.relaypool.server.accounts.Accounts;
import dev.relaypool.server.accounts.CredentialCodec;
import dev.relaypool.server.auth.TokensValidAfter;
import dev.relaypool.server.coordination.Coordination;
import dev.relaypool.server.events.LiveEvents;
import dev.relaypool.server.keys.ApiKeys;
import dev.relaypool.server.storage.Database;
import dev.relaypool.server.users.PasswordHasher;
import java.time.Clock;
import java.util.Objects;

/**
 * What the admin resources work with, wired once in {@code RelaypoolServer}. {@code accounts} is reloaded after
 * every account or group change so the scheduler sees it; {@code keys} is invalidated after user and key changes.
 */
public record AdminContext(Database database, Accounts accounts, CredentialCodec codec, ApiKeys keys,
                           Coordination coordination, TokensValidAfter validAfter, PasswordHasher hasher,
                           LiveEvents events, BaseUrlPolicy baseUrls, Clock clock) {
    public AdminContext {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(accounts, "accounts");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(coordination, "coordination");
        Objects.requireNonNull(validAfter, "validAfter");
        Objects.requireNonNull(hasher, "hasher");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(baseUrls, "baseUrls");
        Objects.requireNonNull(clock, "clock");
    }
}
