package dev.relaypool.server.accounts;

import static dev.relaypool.server.storage.schema.Tables.PROXIES;

import dev.relaypool.server.net.UpstreamAddressPolicy;
import dev.relaypool.server.storage.Database;
import java.time.OffsetDateTime;

/**
 * Front door of outbound proxies: created and edited only after the address policy accepted their host, with the
 * password encrypted at rest. Accounts pick a proxy by id; the accounts snapshot is reloaded after each change.
 */
public final class Proxies {
    private final Database database;
    private final CredentialCodec codec;
    private final UpstreamAddressPolicy addresses;
    private final Accounts accounts;

    public Proxies(Database database, CredentialCodec codec, UpstreamAddressPolicy addresses, Accounts accounts) {
        this.database = database;
        this.codec = codec;
        this.addresses = addresses;
        this.accounts = accounts;
    }

    public SaveResult create(NewProxy proxy) {
        if (addresses.checkProxyHost(proxy.host()) instanceof UpstreamAddressPolicy.Verdict.Refused(String reason)) {
            return new SaveResult.Refused("proxy host refused: " + reason);
        }
        long id = database.transactionResult(db -> db.insertInto(PROXIES)
                .set(PROXIES.NAME, proxy.name())
                .set(PROXIES.PROTOCOL, proxy.protocol())
                .set(PROXIES.HOST, proxy.host())
                .set(PROXIES.PORT, proxy.port())
                .set(PROXIES.USERNAME, proxy.username().orElse(null))
                .set(PROXIES.PASSWORD, proxy.password().map(codec::encryptSecret).orElse(null))
                .returning(PROXIES.ID).fetchOne().getId());
        return new SaveResult.Saved(id);
    }

    /** Replaces every field of the proxy; accounts using it switch over at once. */
    public SaveResult update(long id, NewProxy proxy) {
        if (addresses.checkProxyHost(proxy.host()) instanceof UpstreamAddressPolicy.Verdict.Refused(String reason)) {
            return new SaveResult.Refused("proxy host refused: " + reason);
        }
        int updated = database.transactionResult(db -> db.update(PROXIES)
                .set(PROXIES.NAME, proxy.name())
                .set(PROXIES.PROTOCOL, proxy.protocol())
                .set(PROXIES.HOST, proxy.host())
                .set(PROXIES.PORT, proxy.port())
                .set(PROXIES.USERNAME, proxy.username().orElse(null))
                .set(PROXIES.PASSWORD, proxy.password().map(codec::encryptSecret).orElse(null))
                .set(PROXIES.UPDATED_AT, OffsetDateTime.now())
                .where(PROXIES.ID.eq(id)).execute());
        if (updated == 0) {
            return new SaveResult.Refused("no proxy " + id);
        }
        accounts.changed();
        return new SaveResult.Saved(id);
    }
}
