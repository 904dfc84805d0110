package dev.relaypool.server.auth;

import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** RFC 6238 time-based one-time passwords: HMAC-SHA1, 6 digits, 30-second steps, one step of clock skew allowed. */
public final class Totp {
    static final int DIGITS = 6;
    static final long STEP_SECONDS = 30;
    private static final int SECRET_BYTES = 20;

    private final Clock clock;
    private final SecureRandom random;

    public Totp(Clock clock, SecureRandom random) {
        this.clock = clock;
        this.random = random;
    }

    /** A new random secret, Base32 without padding (what authenticator apps expect). */
    public String newSecret() {
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        return Base32.encode(secret);
    }

    /**
     * The time step the code matched (now, one before or one after), or empty. Callers remember the step so that
     * a code cannot be used twice.
     */
    public OptionalLong verify(String base32Secret, String code) {
        if (code == null || !code.matches("\\d{" + DIGITS + "}")) {
            return OptionalLong.empty();
        }
        byte[] key = Base32.decode(base32Secret);
        long now = clock.instant().getEpochSecond() / STEP_SECONDS;
        byte[] given = code.getBytes(StandardCharsets.US_ASCII);
        for (long step = now - 1; step <= now + 1; step++) {
            if (MessageDigest.isEqual(given, code(key, step).getBytes(StandardCharsets.US_ASCII))) {
                return OptionalLong.of(step);
            }
        }
        return OptionalLong.empty();
    }

    /** The code of the current step (tests, and a user's own check). */
    public String currentCode(String base32Secret) {
        return code(Base32.decode(base32Secret), clock.instant().getEpochSecond() / STEP_SECONDS);
    }

    static String code(byte[] key, long step) {
        byte[] hash;
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
        }
        int offset = hash[hash.length - 1] & 0x0f;
        int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
        return String.format("%0" + DIGITS + "d", binary % 1_000_000);
    }

    /** {@code otpauth://totp/Issuer:account?secret=...&issuer=...}, the content of the enrolment QR code. */
    public static String otpauthUri(String issuer, String account, String base32Secret) {
        String label = encode(issuer) + ":" + encode(account);
        return "otpauth://totp/" + label + "?secret=" + base32Secret + "&issuer=" + encode(issuer)
                + "&algorithm=SHA1&digits=" + DIGITS + "&period=" + STEP_SECONDS;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
