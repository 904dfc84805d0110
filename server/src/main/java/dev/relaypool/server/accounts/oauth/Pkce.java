package dev.relaypool.server.accounts.oauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** PKCE (RFC 7636): a random verifier kept by us, and its S256 challenge sent in the authorise URL. */
record Pkce(String verifier, String challenge) {
    private static final Base64.Encoder URL_SAFE = Base64.getUrlEncoder().withoutPadding();

    static Pkce generate(SecureRandom random) {
        String verifier = randomToken(random); // 43 characters of [A-Za-z0-9_-], the RFC's minimum length
        return new Pkce(verifier, challengeOf(verifier));
    }

    static String challengeOf(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return URL_SAFE.encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** 256 random bits, base64url without padding: for verifiers and for the {@code state}. */
    static String randomToken(SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return URL_SAFE.encodeToString(bytes);
    }

    @Override
    public String toString() {
        return "Pkce[****, challenge=" + challenge + "]";
    }
}
