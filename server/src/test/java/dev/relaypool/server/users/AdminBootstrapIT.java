package dev.relaypool.server.users;

import static dev.relaypool.server.storage.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.server.config.ConfigLoader;
import dev.relaypool.server.storage.Database;
import dev.relaypool.server.storage.schema.tables.records.UsersRecord;
import dev.relaypool.server.testing.PostgresExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class AdminBootstrapIT {
    @RegisterExtension
    static final PostgresExtension postgres = new PostgresExtension();

    private static final PasswordHasher FAST = new PasswordHasher(new PasswordHasher.Cost(1024, 1, 1));

    @TempDir
    Path dataDir;

    @AfterEach
    void removeUsers() {
        postgres.dsl().deleteFrom(USERS).execute();
    }

    @Test
    void printsTheGeneratedPasswordOnFirstStartOnly() {
        try (Database database = open()) {
            ByteArrayOutputStream firstConsole = new ByteArrayOutputStream();
            AdminBootstrap.Outcome first = new AdminBootstrap(database, FAST, print(firstConsole)).run("Boss@Example.org");
            ByteArrayOutputStream secondConsole = new ByteArrayOutputStream();
            AdminBootstrap.Outcome second = new AdminBootstrap(database, FAST, print(secondConsole)).run("Boss@Example.org");

            assertThat(first).isEqualTo(AdminBootstrap.Outcome.CREATED);
            Matcher printed = Pattern.compile("password: (\\S+)").matcher(firstConsole.toString(StandardCharsets.UTF_8));
            assertThat(printed.find()).isTrue();
            UsersRecord admin = postgres.dsl().fetchSingle(USERS);
            assertThat(admin.getEmail()).isEqualTo("Boss@Example.org");
            assertThat(admin.getRole()).isEqualTo("admin");
            assertThat(admin.getPasswordChangeRequired()).isTrue();
            assertThat(FAST.verify(printed.group(1), admin.getPasswordHash())).isTrue();
            assertThat(admin.getPasswordHash()).doesNotContain(printed.group(1));

            assertThat(second).isEqualTo(AdminBootstrap.Outcome.ADMIN_EXISTS);
            assertThat(secondConsole.size()).isZero();
            assertThat(postgres.dsl().fetchCount(USERS)).isEqualTo(1);
        }
    }

    @Test
    void createsNoAdminWhenTheEmailBelongsToAMember() {
        postgres.dsl().insertInto(USERS).set(USERS.EMAIL, "taken@example.org").set(USERS.PASSWORD_HASH, "x").execute();
        try (Database database = open()) {
            ByteArrayOutputStream console = new ByteArrayOutputStream();
            assertThat(new AdminBootstrap(database, FAST, print(console)).run("TAKEN@example.org"))
                    .isEqualTo(AdminBootstrap.Outcome.EMAIL_TAKEN);
            assertThat(console.size()).isZero();
            assertThat(postgres.dsl().fetchCount(USERS, USERS.ROLE.eq("admin"))).isZero();
        }
    }

    private Database open() {
        return Database.open(postgres.configure(ConfigLoader.load(null, Map.of("RELAYPOOL_DATA_DIR", dataDir.toString()))));
    }

    private static PrintStream print(ByteArrayOutputStream out) {
        return new PrintStream(out, true, StandardCharsets.UTF_8);
    }
}
