package dev.relaypool.server.keys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * Relaypool member keys: {@code rp-} followed by 43 base62 characters (256 bits of randomness). Only the SHA-256 of
 * the whole key is stored; the first {@value #DISPLAY_PREFIX_LENGTH} characters are kept for display.
 */
public final class KeyFormat {
    public static final String PREFIX = "rp-";
    static final int DISPLAY_PREFIX_LENGTH = 10;
    private static final int RANDOM_CHARS = 43;
    private static final char[] BASE62 =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    private final SecureRandom random;

    public KeyFormat(SecureRandom random) {
        this.random = random;
    }

    public String newKey() {
        StringBuilder key = new StringBuilder(PREFIX.length() + RANDOM_CHARS).append(PREFIX);
        for (int i = 0; i < RANDOM_CHARS; i++) {
            key.append(BASE62[random.nextInt(BASE62.length)]);
        }
        return key.toString();
    }

    public static String displayPrefix(String key) {
        return key.substring(0, Math.min(DISPLAY_PREFIX_LENGTH, key.length()));
    }

    /** SHA-256 of the key's UTF-8 bytes: what the database stores and looks up. */
    public static byte[] hash(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /** Cheap sanity check before hashing: refuses what can never be a key (empty, huge, control characters). */
    public static boolean plausible(String presented) {
        if (presented == null || presented.length() < 8 || presented.length() > 256) {
            return false;
        }
        for (int i = 0; i < presented.length(); i++) {
            char c = presented.charAt(i);
            if (c <= ' ' || c > '~') {
                return false;
            }
        }
        return true;
    }
}
