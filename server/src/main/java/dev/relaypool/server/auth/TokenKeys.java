package dev.relaypool.server.auth;

import static dev.relaypool.server.storage.schema.Tables.SETTINGS;

import dev.relaypool.server.crypto.CredentialCipher;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jooq.DSLContext;
import org.jooq.JSONB;

/**
 * The access-token signing key: 256 random bits generated on first start and kept in the {@code settings} table
 * (key {@value #SETTING}), encrypted with the master key. Every node reads the same key; deleting the row (and
 * restarting) signs everyone out, and so does changing the master key, since the old value can no longer be read.
 */
public final class TokenKeys {
    static final String SETTING = "auth.access-token-key";

    private TokenKeys() {}

    public static byte[] loadOrCreate(DSLContext dsl, CredentialCipher cipher, SecureRandom random) {
        byte[] fresh = new byte[32];
        random.nextBytes(fresh);
        String sealed = Base64.getEncoder().encodeToString(cipher.encrypt(fresh));
        // two nodes starting together: the first insert wins and both read the winner
        dsl.insertInto(SETTINGS, SETTINGS.KEY, SETTINGS.VALUE)
                .values(SETTING, JSONB.valueOf("\"" + sealed + "\""))
                .onConflictDoNothing()
                .execute();
        String stored = dsl.select(SETTINGS.VALUE).from(SETTINGS).where(SETTINGS.KEY.eq(SETTING)).fetchSingle().value1().data();
        return cipher.decrypt(Base64.getDecoder().decode(stored.substring(1, stored.length() - 1)));
    }

    static byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }
}
