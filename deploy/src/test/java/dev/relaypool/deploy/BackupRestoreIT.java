package dev.relaypool.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** backup.sh + restore.sh on the data-directory path (embedded database, master.key, journal, configuration). */
class BackupRestoreIT {
    private static final Path BACKUP = Scripts.DEPLOY.resolve("backup.sh");
    private static final Path RESTORE = Scripts.DEPLOY.resolve("restore.sh");

    @TempDir Path work;
    private Path data;
    private Path config;
    private Path out;

    @BeforeEach
    void relayWithDataAndConfig() throws IOException {
        data = work.resolve("var/lib/relaypool");
        config = work.resolve("etc/relaypool");
        out = work.resolve("backups");
        write(data.resolve("master.key"), "MASTER-KEY-BYTES");
        write(data.resolve("journal/usage-000001.log"), "{\"request\":\"r1\"}\n");
        write(data.resolve("postgres/PG_VERSION"), "17\n");
        write(config.resolve("config.yaml"), "server:\n  port: 9000\n");
        write(config.resolve("relaypool.env"), "RELAYPOOL_SERVER_PUBLIC_URL=https://relay.example.com\n");
    }

    @Test
    void restoreBringsBackTheMasterKeyDataAndConfig() throws IOException {
        Path archive = backup();
        deleteTree(data);
        Files.writeString(config.resolve("config.yaml"), "changed after the backup\n");

        Scripts.Result restore = restore(archive);

        assertThat(restore.exitCode()).as(restore.output()).isZero();
        assertThat(data.resolve("master.key")).hasContent("MASTER-KEY-BYTES");
        assertThat(data.resolve("journal/usage-000001.log")).hasContent("{\"request\":\"r1\"}");
        assertThat(data.resolve("postgres/PG_VERSION")).hasContent("17");
        assertThat(config.resolve("config.yaml")).hasContent("server:\n  port: 9000");
        try (var kept = Files.list(config)) {
            assertThat(kept.map(p -> p.getFileName().toString()))
                    .anyMatch(name -> name.startsWith("config.yaml.before-restore-"));
        }
    }

    @Test
    void archiveIsTimestampedAndReadableOnlyByItsOwner() throws IOException {
        Path archive = backup();

        assertThat(archive.getFileName().toString()).matches("relaypool-backup-\\d{8}T\\d{6}Z\\.tar\\.gz");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(archive))).isEqualTo("rw-------");
        assertThat(Scripts.run(List.of("tar", "-tzf", archive.toString())).output().lines())
                .contains("./MANIFEST", "./data/master.key", "./config/relaypool.env");
    }

    @Test
    void refusesToCopyARunningEmbeddedDatabase() throws IOException {
        // A postmaster.pid naming a live process: the test JVM itself stands in for PostgreSQL.
        write(data.resolve("postgres/postmaster.pid"), ProcessHandle.current().pid() + "\n" + data + "\n");

        Scripts.Result result = Scripts.bash(BACKUP, "--data-dir", data.toString(), "--config-dir", config.toString(),
                "--out", out.toString());

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("embedded PostgreSQL is running", "--stop-service");
        assertThat(out).doesNotExist();
    }

    @Test
    void backsUpAfterACrashLeftAStalePidFile() throws IOException {
        write(data.resolve("postgres/postmaster.pid"), "2147483646\n");

        assertThat(backup()).exists();
    }

    @Test
    void restoreMovesAnExistingDataDirectoryAsideOnlyWhenForced() throws IOException {
        Path archive = backup();
        Files.writeString(data.resolve("master.key"), "NEWER-KEY");

        Scripts.Result refused = restore(archive);
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.output()).contains("--force");
        assertThat(data.resolve("master.key")).hasContent("NEWER-KEY");

        Scripts.Result forced = restore(archive, "--force");
        assertThat(forced.exitCode()).as(forced.output()).isZero();
        assertThat(data.resolve("master.key")).hasContent("MASTER-KEY-BYTES");
        try (var siblings = Files.list(data.getParent())) {
            Path aside = siblings.filter(p -> p.getFileName().toString().startsWith("relaypool.before-restore-"))
                    .findFirst().orElseThrow();
            assertThat(aside.resolve("master.key")).hasContent("NEWER-KEY");
        }
    }

    private Path backup() throws IOException {
        Scripts.Result result = Scripts.bash(BACKUP, "--data-dir", data.toString(), "--config-dir", config.toString(),
                "--out", out.toString());
        assertThat(result.exitCode()).as(result.output()).isZero();
        try (var archives = Files.list(out)) {
            return archives.filter(p -> p.toString().endsWith(".tar.gz")).findFirst().orElseThrow();
        }
    }

    private Scripts.Result restore(Path archive, String... extra) {
        List<String> command = new ArrayList<>(List.of("bash", RESTORE.toString(), archive.toString(),
                "--data-dir", data.toString(), "--config-dir", config.toString()));
        command.addAll(List.of(extra));
        return Scripts.run(work, Map.of(), command);
    }

    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private static void deleteTree(Path dir) {
        Scripts.Result result = Scripts.run(List.of("rm", "-rf", dir.toString()));
        assertThat(result.exitCode()).isZero();
    }
}
