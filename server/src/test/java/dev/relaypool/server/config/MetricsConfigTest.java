package dev.relaypool.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsConfigTest {
    @Test
    void servesMetricsToLoopbackOnlyByDefault() {
        RelaypoolConfig.Metrics metrics = ConfigLoader.load(null, Map.of()).metrics();

        assertThat(metrics.enabled()).isTrue();
        assertThat(metrics.token()).isEmpty();
    }

    @Test
    void takesATokenAndTheSwitchFromTheEnvironment() {
        RelaypoolConfig.Metrics metrics = ConfigLoader.load(null, Map.of(
                "RELAYPOOL_METRICS_ENABLED", "false", "RELAYPOOL_METRICS_TOKEN", "0123456789abcdef-scrape")).metrics();

        assertThat(metrics.enabled()).isFalse();
        assertThat(metrics.token()).contains("0123456789abcdef-scrape");
        assertThat(metrics.toString()).doesNotContain("0123456789abcdef-scrape");
    }

    @Test
    void refusesAWeakTokenWithoutRepeatingIt() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("RELAYPOOL_METRICS_TOKEN", "short-secret")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("metrics.token")
                .hasMessageContaining("16")
                .hasMessageNotContaining("short-secret");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("RELAYPOOL_METRICS_TOKEN", "long enough but spaced")))
                .isInstanceOf(ConfigException.class);
    }
}
