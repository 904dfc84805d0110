package dev.relaypool.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Validates the Compose files with Docker's own parser (no Docker engine needed). */
class ComposeFilesIT {
    private static final Map<String, String> SECRETS = Map.of(
            "POSTGRES_PASSWORD", "test-postgres-password",
            "REDIS_PASSWORD", "test-redis-password",
            "RELAYPOOL_SECURITY_MASTER_KEY", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
    private static List<String> compose;

    @BeforeAll
    static void findCompose() {
        if (Scripts.available("docker", "compose", "version")) {
            compose = List.of("docker", "compose");
        } else if (Scripts.available("docker-compose", "version")) {
            compose = List.of("docker-compose");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"docker-compose.yml", "docker-compose.local-dirs.yml"})
    void composeFileIsValid(String file) {
        Scripts.Result result = Scripts.run(Scripts.DEPLOY, SECRETS, command(file, "config", "-q"));

        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"docker-compose.yml", "docker-compose.local-dirs.yml"})
    void relayStartsOnlyOnceDatabaseAndRedisAreHealthy(String file) {
        Scripts.Result result = Scripts.run(Scripts.DEPLOY, SECRETS, command(file, "config"));

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("condition: service_healthy", "image: postgres:17", "image: redis:7",
                "restart: unless-stopped", "jdbc:postgresql://postgres:5432/relaypool",
                "redis://:test-redis-password@redis:6379/0");
    }

    @Test
    void refusesToStartWithoutItsSecrets() {
        Scripts.Result result = Scripts.run(Scripts.DEPLOY, Map.of(), command("docker-compose.yml", "config", "-q"));

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("POSTGRES_PASSWORD");
    }

    private static List<String> command(String file, String... arguments) {
        Scripts.assumeInstalled(compose != null, "neither 'docker compose' nor 'docker-compose' is installed: Compose files not validated");
        // .env.example, not a developer's own deploy/.env, so that the result does not depend on local secrets.
        List<String> command = new ArrayList<>(compose);
        command.addAll(List.of("--env-file", ".env.example", "-f", file));
        command.addAll(List.of(arguments));
        return command;
    }
}
