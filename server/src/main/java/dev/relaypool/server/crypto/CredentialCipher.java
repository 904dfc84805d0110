package dev.relaypool.server.crypto;

import dev.relaypool.server.config.RelaypoolConfig;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets kept in the database (upstream credentials, proxy passwords, TOTP secrets) with AES-256-GCM.
 * Format: {@code version (1 byte) | nonce (12 bytes) | ciphertext | tag (16 bytes)}; the version byte is also
 * authenticated, and lets a later release change key or algorithm while still reading old values. A fresh random
 * nonce per value. Thread-safe.
 */
public final class CredentialCipher {
    static final byte VERSION_1 = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    public CredentialCipher(byte[] masterKey) {
        if (masterKey.length != 32) {
            throw new IllegalArgumentException("the master key must be 32 bytes, got " + masterKey.length);
        }
        this.key = new SecretKeySpec(masterKey.clone(), "AES");
    }

    /** The configured {@code security.master-key}, else the key in {@code <data-dir>/master.key} (created once). */
    public static CredentialCipher fromConfig(RelaypoolConfig config) {
        byte[] key = config.security().masterKey()
                .orElseGet(() -> MasterKeyFile.loadOrCreate(config.dataDir().resolve("master.key")));
        return new CredentialCipher(key);
    }

    public byte[] encrypt(byte[] plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(new byte[] {VERSION_1});
            byte[] sealed = cipher.doFinal(plaintext);
            byte[] out = new byte[1 + NONCE_BYTES + sealed.length];
            out[0] = VERSION_1;
            System.arraycopy(nonce, 0, out, 1, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, 1 + NONCE_BYTES, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** @throws TamperedException when the value was altered, truncated, or encrypted under another key */
    public byte[] decrypt(byte[] encrypted) {
        if (encrypted.length < 1 + NONCE_BYTES + TAG_BITS / 8) {
            throw new TamperedException("encrypted value too short (" + encrypted.length + " bytes)");
        }
        if (encrypted[0] != VERSION_1) {
            throw new TamperedException("unknown encryption format version " + encrypted[0]);
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key,
                    new GCMParameterSpec(TAG_BITS, Arrays.copyOfRange(encrypted, 1, 1 + NONCE_BYTES)));
            cipher.updateAAD(new byte[] {VERSION_1});
            return cipher.doFinal(encrypted, 1 + NONCE_BYTES, encrypted.length - 1 - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new TamperedException("encrypted value failed authentication (altered, or another master key)");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    public byte[] encryptString(String plaintext) {
        return encrypt(plaintext.getBytes(StandardCharsets.UTF_8));
    }

    public String decryptString(byte[] encrypted) {
        return new String(decrypt(encrypted), StandardCharsets.UTF_8);
    }

    /** A stored secret cannot be decrypted: data corruption, tampering, or a changed master key. */
    public static final class TamperedException extends RuntimeException {
        TamperedException(String message) {
            super(message);
        }
    }
}
