package dev.relaypool.server.storage;

import static dev.relaypool.server.storage.schema.Tables.SETTINGS;
import static dev.relaypool.server.storage.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.JSONB;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded PostgreSQL keeps its data under the data directory across restarts, clean or not. */
class EmbeddedDatabaseIT {
    private static final Pattern LISTENING = Pattern.compile("Relaypool listening on http://[^:]+:(\\d+)");

    @TempDir
    Path dataDir;

    @Test
    void keepsRowsAcrossARestart() throws Exception {
        try (Database first = Database.open(TestConfig.embedded(dataDir))) {
            first.dsl().insertInto(SETTINGS).set(SETTINGS.KEY, "greeting").set(SETTINGS.VALUE, JSONB.valueOf("\"hello\""))
                    .execute();
        }
        Path versionFile = dataDir.resolve("postgres/PG_VERSION");
        long initialised = Files.getLastModifiedTime(versionFile).toMillis();

        try (Database second = Database.open(TestConfig.embedded(dataDir))) {
            assertThat(second.dsl().fetchValue(SETTINGS.VALUE, SETTINGS.KEY.eq("greeting")).data()).isEqualTo("\"hello\"");
            assertThat(second.ping()).isTrue();
        }
        assertThat(Files.getLastModifiedTime(versionFile).toMillis()).as("no second initdb").isEqualTo(initialised);
        assertThat(Files.getPosixFilePermissions(dataDir.resolve("postgres.password")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(dataDir.resolve("postgres/postmaster.pid")).as("PostgreSQL stopped on close").doesNotExist();
    }

    @Test
    void recoversAfterTheServerProcessWasKilled() throws Exception {
        // first start: a real server process creates the admin, prints its password, and is killed with SIGKILL
        Process first = startServerProcess();
        List<String> firstOutput = new ArrayList<>();
        try {
            awaitListening(first, firstOutput);
        } finally {
            first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(String.join("\n", firstOutput)).contains("password:");
        assertThat(dataDir.resolve("postgres/postmaster.pid")).as("postmaster left behind by the kill").exists();

        // second start on the same directory: the orphaned postmaster is dealt with, the admin row is still there
        Process second = startServerProcess();
        List<String> secondOutput = new ArrayList<>();
        try {
            int port = awaitListening(second, secondOutput);
            HttpResponse<String> ready = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).isEqualTo(200);
        } finally {
            second.destroy(); // SIGTERM: a clean shutdown stops PostgreSQL too
            assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(second.exitValue()).as("SIGTERM ends with exit status 0").isZero();
        assertThat(String.join("\n", secondOutput)).doesNotContain("password:");
        assertThat(dataDir.resolve("postgres/postmaster.pid")).as("PostgreSQL stopped with the server").doesNotExist();

        try (Database database = Database.open(TestConfig.embedded(dataDir))) {
            assertThat(database.dsl().fetchCount(USERS, USERS.ROLE.eq("admin"))).isEqualTo(1);
        }
    }

    private Process startServerProcess() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "--sun-misc-unsafe-memory-access=allow",
                "-cp", System.getProperty("java.class.path"), "dev.relaypool.server.Main")
                .redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("RELAYPOOL_"));
        builder.environment().putAll(TestConfig.environment(dataDir));
        builder.environment().putAll(Map.of("RELAYPOOL_CONFIG", ""));
        return builder.start();
    }

    /** Reads the process output (kept in {@code lines}) until the server says where it listens. */
    private static int awaitListening(Process process, List<String> lines) throws Exception {
        BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Integer> port = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        return Integer.parseInt(m.group(1));
                    }
                }
                throw new IllegalStateException("server exited before listening");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        try {
            int result = port.get(Duration.ofSeconds(120).toSeconds(), TimeUnit.SECONDS);
            Thread.ofVirtual().start(() -> { // keep draining so the child never blocks on a full pipe
                try {
                    reader.transferTo(java.io.Writer.nullWriter());
                } catch (java.io.IOException ignored) {
                    // the process ended
                }
            });
            return result;
        } catch (Exception e) {
            synchronized (lines) {
                throw new AssertionError("server did not start; output:\n" + String.join("\n", lines), e);
            }
        }
    }
}
