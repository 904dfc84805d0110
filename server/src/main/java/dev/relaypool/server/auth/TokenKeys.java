package dev.relaypool.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Derives the access-token signing key from the master key with HKDF-SHA256 (RFC 5869). Nothing extra is stored:
 * every node holding the master key derives the same key, and rotating the master key signs everyone out.
 */
public final class TokenKeys {
    private static final byte[] SALT = "relaypool-hkdf-salt-v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ACCESS_TOKEN_INFO = "relaypool access token hmac v1".getBytes(StandardCharsets.US_ASCII);

    private TokenKeys() {}

    public static byte[] accessTokenKey(byte[] masterKey) {
        if (masterKey.length < 32) {
            throw new IllegalArgumentException("the master key must be at least 256 bits");
        }
        return hkdf(masterKey, SALT, ACCESS_TOKEN_INFO, 32);
    }

    static byte[] hkdf(byte[] inputKey, byte[] salt, byte[] info, int length) {
        try {
            byte[] pseudoRandomKey = hmac(salt, inputKey);
            byte[] out = new byte[length];
            byte[] block = new byte[0];
            int written = 0;
            for (int counter = 1; written < length; counter++) {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(pseudoRandomKey, "HmacSHA256"));
                mac.update(block);
                mac.update(info);
                mac.update((byte) counter);
                block = mac.doFinal();
                int n = Math.min(block.length, length - written);
                System.arraycopy(block, 0, out, written, n);
                written += n;
            }
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    static byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }
}
