package dev.relaypool.server.auth;

import dev.relaypool.server.api.Role;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Short-lived signed access tokens: {@code v1.<base64url payload>.<base64url HMAC-SHA256>}, the payload being
 * {@code userId|role|sessionId|issuedAtMillis|expiresAtMillis}. Checking one needs no database: only the per-user
 * "tokens valid after" instant ({@link TokensValidAfter}) is consulted, from a cache.
 */
public final class AccessTokens {
    public static final Duration LIFETIME = Duration.ofMinutes(15);
    private static final String VERSION = "v1";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final byte[] key;
    private final Clock clock;

    public AccessTokens(byte[] key, Clock clock) {
        if (key.length < 32) {
            throw new IllegalArgumentException("the signing key must be at least 256 bits");
        }
        this.key = key.clone();
        this.clock = clock;
    }

    public record Claims(long userId, Role role, UUID sessionId, Instant issuedAt, Instant expiresAt) {}

    public record Issued(String token, Claims claims) {
        @Override
        public String toString() {
            return "Issued[" + claims + "]";
        }
    }

    public sealed interface Verification {
        record Valid(Claims claims) implements Verification {}

        record Invalid() implements Verification {}

        record Expired() implements Verification {}
    }

    public Issued issue(long userId, Role role, UUID sessionId) {
        Instant now = clock.instant();
        Claims claims = new Claims(userId, role, sessionId, now, now.plus(LIFETIME));
        String payload = claims.userId() + "|" + role.wireName() + "|" + sessionId + "|"
                + now.toEpochMilli() + "|" + claims.expiresAt().toEpochMilli();
        String signed = VERSION + "." + ENCODER.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return new Issued(signed + "." + ENCODER.encodeToString(mac(signed)), claims);
    }

    public Verification verify(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || !parts[0].equals(VERSION)) {
            return new Verification.Invalid();
        }
        byte[] given;
        String[] fields;
        try {
            given = DECODER.decode(parts[2]);
            fields = new String(DECODER.decode(parts[1]), StandardCharsets.UTF_8).split("\\|", -1);
        } catch (IllegalArgumentException e) {
            return new Verification.Invalid();
        }
        if (!MessageDigest.isEqual(given, mac(parts[0] + "." + parts[1])) || fields.length != 5) {
            return new Verification.Invalid();
        }
        Claims claims;
        try {
            claims = new Claims(Long.parseLong(fields[0]), Role.fromWire(fields[1]).orElseThrow(),
                    UUID.fromString(fields[2]), Instant.ofEpochMilli(Long.parseLong(fields[3])),
                    Instant.ofEpochMilli(Long.parseLong(fields[4])));
        } catch (RuntimeException e) {
            return new Verification.Invalid(); // signed by us yet unreadable: a format change; refuse
        }
        return clock.instant().isBefore(claims.expiresAt()) ? new Verification.Valid(claims) : new Verification.Expired();
    }

    private byte[] mac(String signed) {
        try {
            return TokenKeys.hmac(key, signed.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
