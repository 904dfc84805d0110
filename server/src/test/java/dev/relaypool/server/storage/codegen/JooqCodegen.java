package dev.relaypool.server.storage.codegen;

import dev.relaypool.server.storage.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.io.FileUtils;
import org.flywaydb.core.Flyway;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Generate;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Jdbc;
import org.jooq.meta.jaxb.Target;

/**
 * Regenerates the committed jOOQ classes: starts a throw-away embedded PostgreSQL, applies the Flyway migrations
 * from the source tree and runs jOOQ's generator on the result. Run it with {@code ./relaypool jooq-codegen}.
 * Arguments: the migration directory and the output source root.
 */
public final class JooqCodegen {
    public static final String PACKAGE = "dev.relaypool.server.storage.schema";

    private JooqCodegen() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: JooqCodegen <migration directory> <output source root>");
        }
        Path migrations = Path.of(args[0]).toAbsolutePath();
        Path output = Path.of(args[1]).toAbsolutePath();
        Path cluster = Files.createTempDirectory("relaypool-codegen");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(cluster.resolve("pgdata"), 0, false)) {
            postgres.createDatabaseIfAbsent("codegen");
            String url = postgres.jdbcUrl("codegen");
            Flyway.configure().dataSource(url, postgres.user(), postgres.password())
                    .locations("filesystem:" + migrations).load().migrate();
            GenerationTool.generate(configuration(url, postgres.user(), postgres.password(), output));
        } finally {
            FileUtils.deleteQuietly(cluster.toFile());
        }
        System.out.println("jOOQ classes written to " + output.resolve(PACKAGE.replace('.', '/')));
    }

    static Configuration configuration(String url, String user, String password, Path output) {
        return new Configuration()
                .withJdbc(new Jdbc().withDriver("org.postgresql.Driver").withUrl(url).withUser(user).withPassword(password))
                .withGenerator(new Generator()
                        .withDatabase(new org.jooq.meta.jaxb.Database()
                                .withName("org.jooq.meta.postgres.PostgresDatabase")
                                .withInputSchema("public")
                                .withOutputSchemaToDefault(true) // render unqualified names: any database works
                                .withExcludes("flyway_schema_history"))
                        .withGenerate(new Generate()
                                .withRecords(true)
                                .withPojos(false)
                                .withDaos(false)
                                .withJavaTimeTypes(true)
                                .withGeneratedAnnotation(false)
                                .withComments(true))
                        .withTarget(new Target()
                                .withPackageName(PACKAGE)
                                .withDirectory(output.toString())
                                .withClean(true)));
    }
}
