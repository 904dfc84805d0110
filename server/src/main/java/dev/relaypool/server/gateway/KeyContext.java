package dev.relaypool.server.gateway;

import dev.relaypool.model.Platform;
import java.util.Objects;

/** Who is calling: the member, the Relaypool key they presented and the group (and so the platform) it belongs to. */
public record KeyContext(long userId, long apiKeyId, long groupId, Platform platform) {
    public KeyContext {
        Objects.requireNonNull(platform, "platform");
    }
}
