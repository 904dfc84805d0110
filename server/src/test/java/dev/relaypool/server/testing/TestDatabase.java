package dev.relaypool.server.testing;

import dev.relaypool.server.config.ConfigLoader;
import dev.relaypool.server.config.RelaypoolConfig;
import dev.relaypool.server.storage.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

/** A {@link Database} front door on a {@link PostgresExtension}'s database, for code that takes one. Close it. */
public final class TestDatabase {
    private TestDatabase() {}

    public static Database open(PostgresExtension postgres, int poolSize) {
        try {
            RelaypoolConfig config = ConfigLoader.load(null, Map.of(
                    "RELAYPOOL_DATA_DIR", Files.createTempDirectory("relaypool-test-db").toString(),
                    "RELAYPOOL_DATABASE_POOL_SIZE", Integer.toString(poolSize)));
            return Database.open(postgres.configure(config));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
