package dev.relaypool.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    @Test
    void startsOnEmbeddedDefaultsWithNoConfigurationAtAll() {
        RelaypoolConfig config = ConfigLoader.load(null, Map.of());

        assertThat(config.server().port()).isEqualTo(8080);
        assertThat(config.database().embedded()).isTrue();
        assertThat(config.redis().url()).isEmpty();
        assertThat(config.dataDir()).isEqualTo(Path.of("./data"));
        assertThat(config.billing().mode()).isEqualTo(RelaypoolConfig.BillingMode.STANDARD);
    }

    @Test
    void environmentOverridesTheYamlFile() throws IOException {
        Path yaml = write("server:\n  port: 9000\n  shutdown-grace-seconds: 5\ndata-dir: /srv/relay\n");

        RelaypoolConfig config = ConfigLoader.load(yaml, Map.of("RELAYPOOL_SERVER_PORT", "9100"));

        assertThat(config.server().port()).isEqualTo(9100);
        assertThat(config.server().shutdownGrace()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.dataDir()).isEqualTo(Path.of("/srv/relay"));
    }

    @Test
    void externalDatabaseAndRedisAreConfigurationOnly() {
        RelaypoolConfig config = ConfigLoader.load(null, Map.of(
                "RELAYPOOL_DATABASE_URL", "jdbc:postgresql://db:5432/relaypool",
                "RELAYPOOL_REDIS_URL", "redis://:secret@cache:6379/0"));

        assertThat(config.database().embedded()).isFalse();
        assertThat(config.redis().url()).hasValueSatisfying(uri -> assertThat(uri.getHost()).isEqualTo("cache"));
        assertThat(config.redis().toString()).doesNotContain("secret");
    }

    @Test
    void wrongValueNamesTheKeyAndTheProblem() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("RELAYPOOL_SERVER_PORT", "eighty")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("server.port")
                .hasMessageContaining("RELAYPOOL_SERVER_PORT")
                .hasMessageContaining("not a whole number");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("RELAYPOOL_SERVER_PORT", "70000")))
                .hasMessageContaining("between 0 and 65535");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("RELAYPOOL_BILLING_MODE", "free")))
                .hasMessageContaining("billing.mode").hasMessageContaining("[standard, simple]");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("RELAYPOOL_REDIS_URL", "http://x:1")))
                .hasMessageContaining("redis.url").hasMessageContaining("redis://");
    }

    @Test
    void unknownYamlKeyIsRefusedRatherThanIgnored() throws IOException {
        Path yaml = write("server:\n  prot: 9000\n");

        assertThatThrownBy(() -> ConfigLoader.load(yaml, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown option 'server.prot'");
    }

    @Test
    void secretsAreNeverEchoedInErrors() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("RELAYPOOL_SECURITY_MASTER_KEY", "c2hvcnQ=")))
                .hasMessageContaining("security.master-key")
                .hasMessageNotContaining("c2hvcnQ=");
    }

    @Test
    void malformedYamlIsAClearError() throws IOException {
        Path yaml = write("server: [unclosed\n");

        assertThatThrownBy(() -> ConfigLoader.load(yaml, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("not valid YAML");
    }

    @Test
    void missingExplicitConfigFileIsAnError() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("RELAYPOOL_CONFIG", dir.resolve("nope.yaml").toString())))
                .hasMessageContaining("no configuration file");
    }

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
