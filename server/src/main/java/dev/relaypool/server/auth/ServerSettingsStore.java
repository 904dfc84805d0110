package dev.relaypool.server.auth;

import static dev.relaypool.server.storage.schema.Tables.SETTINGS;

import dev.relaypool.model.auth.ServerSettings;
import dev.relaypool.server.api.Principal;
import dev.relaypool.server.storage.Database;
import java.time.Clock;
import org.jooq.DSLContext;
import org.jooq.JSONB;

/**
 * Operator settings kept in the {@code settings} table (key → JSON value), so that every node sees the same and
 * admins change them at run time. Values are JSON strings; a missing row means the default.
 */
public final class ServerSettingsStore {
    static final String REGISTRATION = "registration";

    private final Database database;
    private final Clock clock;

    public ServerSettingsStore(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    public ServerSettings current() {
        return read(database.dsl());
    }

    ServerSettings read(DSLContext dsl) {
        String registration = dsl.select(SETTINGS.VALUE).from(SETTINGS).where(SETTINGS.KEY.eq(REGISTRATION))
                .fetchOptional(SETTINGS.VALUE).map(ServerSettingsStore::string).orElse(ServerSettings.CLOSED);
        return new ServerSettings(registration);
    }

    public ServerSettings update(ServerSettings settings, Principal by, String ip) {
        database.transaction(tx -> {
            JSONB value = JSONB.valueOf("\"" + settings.registration() + "\""); // validated: a closed set of words
            tx.insertInto(SETTINGS, SETTINGS.KEY, SETTINGS.VALUE, SETTINGS.UPDATED_AT)
                    .values(REGISTRATION, value, UserAccounts.at(clock.instant()))
                    .onConflict(SETTINGS.KEY).doUpdate()
                    .set(SETTINGS.VALUE, value)
                    .set(SETTINGS.UPDATED_AT, UserAccounts.at(clock.instant()))
                    .execute();
            AuditTrail.record(tx, by, "settings.updated", "setting", REGISTRATION + "=" + settings.registration(), ip);
        });
        return current();
    }

    private static String string(JSONB json) {
        String data = json.data().strip();
        return data.startsWith("\"") && data.endsWith("\"") ? data.substring(1, data.length() - 1) : data;
    }
}
