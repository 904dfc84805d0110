package dev.relaypool.server.keys;

import dev.relaypool.server.gateway.KeyAuthenticator;
import dev.relaypool.server.gateway.KeyContext;
import dev.relaypool.server.gateway.KeyLookup;

/** The gateway's view of member keys: {@link ApiKeys#check} translated into {@link KeyLookup}. */
public final class GatewayKeys implements KeyAuthenticator {
    private final ApiKeys keys;

    public GatewayKeys(ApiKeys keys) {
        this.keys = keys;
    }

    @Override
    public KeyLookup authenticate(String presentedKey) {
        return switch (keys.check(presentedKey)) {
            case KeyCheck.Active(ActiveKey key) ->
                    new KeyLookup.Active(new KeyContext(key.userId(), key.keyId(), key.groupId(), key.platform()));
            case KeyCheck.Unknown ignored -> new KeyLookup.Unknown();
            case KeyCheck.Disabled ignored -> new KeyLookup.Disabled();
            case KeyCheck.Expired ignored -> new KeyLookup.Expired();
        };
    }
}
