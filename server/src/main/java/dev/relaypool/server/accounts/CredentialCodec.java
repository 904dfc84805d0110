package dev.relaypool.server.accounts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.relaypool.server.crypto.CredentialCipher;
import java.io.IOException;
import java.time.Instant;

/** Account credentials ⇄ encrypted bytes (AES-GCM over a small JSON document). */
public final class CredentialCodec {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final CredentialCipher cipher;

    public CredentialCodec(CredentialCipher cipher) {
        this.cipher = cipher;
    }

    public byte[] encrypt(AccountCredentials credentials) {
        ObjectNode node = JSON.createObjectNode();
        switch (credentials) {
            case AccountCredentials.ApiKey key -> node.put("type", "api_key").put("apiKey", key.apiKey());
            case AccountCredentials.OAuth oauth -> {
                node.put("type", "oauth").put("accessToken", oauth.accessToken());
                if (oauth.refreshToken() != null) {
                    node.put("refreshToken", oauth.refreshToken());
                }
                if (oauth.expiresAt() != null) {
                    node.put("expiresAt", oauth.expiresAt().toString());
                }
            }
        }
        return cipher.encryptString(node.toString());
    }

    /** Other secrets stored beside accounts (proxy passwords) use the same cipher, as plain strings. */
    public byte[] encryptSecret(String secret) {
        return cipher.encryptString(secret);
    }

    public String decryptSecret(byte[] stored) {
        return cipher.decryptString(stored);
    }

    public AccountCredentials decrypt(byte[] stored) {
        JsonNode node;
        try {
            node = JSON.readTree(cipher.decryptString(stored));
        } catch (IOException e) {
            throw new IllegalStateException("stored credentials are not valid JSON");
        }
        return switch (node.path("type").asText()) {
            case "api_key" -> new AccountCredentials.ApiKey(node.path("apiKey").asText());
            case "oauth" -> new AccountCredentials.OAuth(node.path("accessToken").asText(),
                    node.hasNonNull("refreshToken") ? node.get("refreshToken").asText() : null,
                    node.hasNonNull("expiresAt") ? Instant.parse(node.get("expiresAt").asText()) : null);
            default -> throw new IllegalStateException("stored credentials have an unknown type");
        };
    }
}
