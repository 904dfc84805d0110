package dev.relaypool.server.auth;

import dev.relaypool.model.auth.TotpSetupResponse;
import dev.relaypool.server.crypto.CredentialCipher;
import dev.relaypool.server.storage.schema.tables.records.UsersRecord;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;

/** A user's TOTP secret: stored encrypted; a code is accepted once (its time step must be newer than the last one used). */
final class TotpSecrets {
    static final String ISSUER = "Relaypool";

    private final Totp totp;
    private final CredentialCipher cipher;

    TotpSecrets(Totp totp, CredentialCipher cipher) {
        this.totp = totp;
        this.cipher = cipher;
    }

    /** Puts a new, not yet enabled secret on {@code user} (the caller stores the row) and describes it for the app. */
    TotpSetupResponse newPendingSecret(UsersRecord user) {
        String secret = totp.newSecret();
        user.setTotpSecret(cipher.encrypt(secret.getBytes(StandardCharsets.US_ASCII)));
        user.setTotpEnabled(false);
        user.setTotpLastStep(null);
        return new TotpSetupResponse(secret, Totp.otpauthUri(ISSUER, user.getEmail(), secret));
    }

    /**
     * True when {@code code} matches the user's (pending or enabled) secret and was not used before; then records
     * its step on {@code user} (the caller stores the row).
     */
    boolean accept(UsersRecord user, String code) {
        if (user.getTotpSecret() == null) {
            return false;
        }
        String secret = new String(cipher.decrypt(user.getTotpSecret()), StandardCharsets.US_ASCII);
        OptionalLong step = totp.verify(secret, code);
        Long last = user.getTotpLastStep();
        if (step.isEmpty() || (last != null && step.getAsLong() <= last)) {
            return false;
        }
        user.setTotpLastStep(step.getAsLong());
        return true;
    }

    static boolean enabled(UsersRecord user) {
        return Boolean.TRUE.equals(user.getTotpEnabled());
    }
}
