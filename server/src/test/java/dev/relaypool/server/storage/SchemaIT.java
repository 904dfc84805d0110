package dev.relaypool.server.storage;

import static dev.relaypool.server.storage.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relaypool.server.storage.schema.DefaultSchema;
import dev.relaypool.server.testing.PostgresExtension;
import java.math.BigDecimal;
import java.util.List;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SchemaIT {
    @RegisterExtension
    static final PostgresExtension postgres = new PostgresExtension();

    @Test
    void migrationsApplyOnAnEmptyDatabaseAndRerunAsNoOp() {
        Database.migrate(postgres.jdbcUrl(), postgres.user(), postgres.password()); // the template was migrated from empty; a rerun changes nothing
        List<String> applied = postgres.dsl()
                .select(DSL.field("version", String.class)).from(DSL.table("flyway_schema_history"))
                .where(DSL.field("success", Boolean.class).isTrue())
                .fetch(r -> r.value1());
        assertThat(applied).contains("1").doesNotHaveDuplicates();
    }

    @Test
    void generatedJooqClassesMatchTheMigratedSchema() {
        var live = postgres.dsl().meta().getSchemas("public").getFirst();
        List<String> liveTables = live.getTables().stream().map(Table::getName)
                .filter(name -> !name.equals("flyway_schema_history")).sorted().toList();
        List<String> generatedTables = DefaultSchema.DEFAULT_SCHEMA.getTables().stream().map(Table::getName).sorted().toList();
        assertThat(generatedTables).isEqualTo(liveTables);

        for (Table<?> generated : DefaultSchema.DEFAULT_SCHEMA.getTables()) {
            Table<?> actual = live.getTable(generated.getName());
            assertThat(describe(generated.fields())).as(generated.getName()).isEqualTo(describe(actual.fields()));
        }
    }

    @Test
    void emailsAreUniqueWhateverTheirCase() {
        insertUser("Someone@Example.org");
        assertThatThrownBy(() -> insertUser("someone@example.ORG")).isInstanceOf(DataAccessException.class)
                .hasMessageContaining("users_email_lower_key");
    }

    @Test
    void keepsMoneyExactToTenDecimals() {
        long id = insertUser("money@example.org");
        BigDecimal tiny = new BigDecimal("1234567890.0000000001");
        postgres.dsl().update(USERS).set(USERS.BALANCE, tiny).where(USERS.ID.eq(id)).execute();
        assertThat(postgres.dsl().fetchValue(USERS.BALANCE, USERS.ID.eq(id))).isEqualByComparingTo(tiny);
    }

    @Test
    void refusesValuesOutsideAnEnumeration() {
        assertThatThrownBy(() -> postgres.dsl().insertInto(USERS)
                .set(USERS.EMAIL, "root@example.org").set(USERS.PASSWORD_HASH, "x").set(USERS.ROLE, "root").execute())
                .isInstanceOf(DataAccessException.class).hasMessageContaining("check constraint");
    }

    private static long insertUser(String email) {
        return postgres.dsl().insertInto(USERS).set(USERS.EMAIL, email).set(USERS.PASSWORD_HASH, "x")
                .returning(USERS.ID).fetchOne(USERS.ID);
    }

    private static List<String> describe(Field<?>[] fields) {
        return java.util.Arrays.stream(fields)
                .map(f -> f.getName() + " " + f.getDataType().getSQLDataType().getTypeName()
                        + (f.getDataType().nullable() ? " null" : " not null"))
                .toList();
    }
}
