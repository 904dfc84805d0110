package dev.relaypool.server.accounts.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.relaypool.model.Platform;
import dev.relaypool.server.accounts.CredentialCodec;
import dev.relaypool.server.coordination.StickyBindings;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Sign-ins waiting for their code, shared by every node: kept in the coordination store's expiring key-value
 * bindings (Redis when clustered), keyed by {@code state}, encrypted with the credential key because the PKCE
 * verifier is half of what turns a code into tokens. Taking a flow removes it atomically, so a code is used once.
 */
final class PendingFlows {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "oauth-flow:";

    record Pending(OAuthDraft draft, String verifier, Instant expiresAt) {
        @Override
        public String toString() {
            return "Pending[" + draft + ", ****, expiresAt=" + expiresAt + "]";
        }
    }

    private final StickyBindings store;
    private final CredentialCodec codec;

    PendingFlows(StickyBindings store, CredentialCodec codec) {
        this.store = store;
        this.codec = codec;
    }

    void put(String state, Pending pending, Duration ttl) {
        ObjectNode node = JSON.createObjectNode()
                .put("name", pending.draft().name())
                .put("platform", pending.draft().platform().wireName())
                .put("verifier", pending.verifier())
                .put("expiresAt", pending.expiresAt().toString());
        pending.draft().baseUrl().ifPresent(url -> node.put("baseUrl", url));
        pending.draft().proxyId().ifPresent(id -> node.put("proxyId", id));
        pending.draft().existingAccountId().ifPresent(id -> node.put("accountId", id));
        store.put(PREFIX + state, Base64.getEncoder().encodeToString(codec.encryptSecret(node.toString())), ttl);
    }

    /** The flow of {@code state}, removed so no other finish can use it; empty when unknown, expired or taken. */
    Optional<Pending> take(String state) {
        String key = PREFIX + state;
        Optional<String> stored = store.get(key);
        if (stored.isEmpty() || !store.removeIfValue(key, stored.get())) {
            return Optional.empty();
        }
        JsonNode node;
        try {
            node = JSON.readTree(codec.decryptSecret(Base64.getDecoder().decode(stored.get())));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // written under another master key, or not by us
        }
        OAuthDraft draft = new OAuthDraft(node.path("name").asText(), Platform.fromWire(node.path("platform").asText()),
                Optional.ofNullable(node.path("baseUrl").asText(null)),
                node.hasNonNull("proxyId") ? Optional.of(node.get("proxyId").asLong()) : Optional.empty(),
                node.hasNonNull("accountId") ? Optional.of(node.get("accountId").asLong()) : Optional.empty());
        return Optional.of(new Pending(draft, node.path("verifier").asText(), Instant.parse(node.path("expiresAt").asText())));
    }
}
