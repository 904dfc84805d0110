package dev.relaypool.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.model.Platform;
import dev.relaypool.server.gateway.AccountSelector;
import dev.relaypool.server.gateway.FailureClass;
import dev.relaypool.server.gateway.KeyContext;
import dev.relaypool.server.gateway.Selection;
import dev.relaypool.server.gateway.UpstreamAccount;
import dev.relaypool.server.gateway.UpstreamCredential;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class MeteredSelectorTest {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final List<String> told = new ArrayList<>();
    private final MeteredSelector selector = new MeteredSelector(new Recording(), new UpstreamErrorMeters(registry));

    @Test
    void forwardsEveryMethodOfTheSchedulerIncludingDefaultOnes() {
        List<String> missing = Arrays.stream(AccountSelector.class.getMethods())
                .filter(method -> !declares(method))
                .map(Method::getName).toList();

        assertThat(missing).as("AccountSelector methods MeteredSelector does not forward").isEmpty();
    }

    @Test
    void countsFailuresByAccountAndClassAndStillTellsTheScheduler() {
        selector.onFailure(account(7), FailureClass.RATE_LIMITED, Optional.empty());
        selector.onFailure(account(7), FailureClass.RATE_LIMITED, Optional.of(Duration.ofSeconds(3)));
        selector.onFailure(account(8), FailureClass.STREAM_BROKEN, Optional.empty());
        selector.onUpstreamHeaders(account(8), name -> null);

        Exposition metrics = Exposition.parse(registry.scrape());
        assertThat(metrics.value("relaypool_upstream_errors_total", "account", "7", "class", "rate_limited")).isEqualTo(2);
        assertThat(metrics.value("relaypool_upstream_errors_total", "account", "8", "class", "stream_broken")).isEqualTo(1);
        assertThat(told).containsExactly("failure 7", "failure 7", "failure 8", "headers 8");
    }

    @Test
    void sharesOneAccountLabelBeyondTheCap() {
        for (long id = 1; id <= UpstreamErrorMeters.MAX_ACCOUNTS + 5; id++) {
            selector.onFailure(account(id), FailureClass.SERVER_ERROR, Optional.empty());
        }

        Exposition metrics = Exposition.parse(registry.scrape());
        assertThat(metrics.count("relaypool_upstream_errors_total")).isEqualTo(UpstreamErrorMeters.MAX_ACCOUNTS + 1);
        assertThat(metrics.value("relaypool_upstream_errors_total", "account", "other", "class", "server_error"))
                .isEqualTo(5);
    }

    private static boolean declares(Method method) {
        try {
            return MeteredSelector.class.getDeclaredMethod(method.getName(), method.getParameterTypes()) != null;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    private static UpstreamAccount account(long id) {
        return new UpstreamAccount(id, Platform.ANTHROPIC, "https://upstream.example",
                new UpstreamCredential.ApiKey("sk-test-" + id), Optional.empty());
    }

    private final class Recording implements AccountSelector {
        @Override
        public Selection select(KeyContext key, String requestedModel, Optional<String> session, Set<Long> tried) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void onSuccess(KeyContext key, Optional<String> session, UpstreamAccount account) {
            told.add("success " + account.id());
        }

        @Override
        public void onFailure(UpstreamAccount account, FailureClass failure, Optional<Duration> retryAfter) {
            told.add("failure " + account.id());
        }

        @Override
        public void onUpstreamHeaders(UpstreamAccount account, Function<String, String> header) {
            told.add("headers " + account.id());
        }
    }
}
