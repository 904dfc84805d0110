package dev.relaypool.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaypool.server.coordination.Coordination;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Bounded waits and probes the outage and crash tests share: answers, {@code /readyz}, slots in Redis. */
final class Outages {
    private Outages() {}

    /** Waits (at most 30 s) until the load has {@code count} complete answers. */
    static void awaitAnswers(Load load, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline && Load.completeIds(load.soFar()).size() < count) {
            RelayProcess.sleep(50);
        }
        assertThat(Load.completeIds(load.soFar())).as("complete answers").hasSizeGreaterThanOrEqualTo(count);
    }

    /** {@code /readyz} statuses seen every 250 ms for {@code span}, skipping the first second (probes settle). */
    static List<Integer> readyDuring(String baseUrl, Duration span) {
        RelayProcess.sleep(1_000);
        List<Integer> seen = new ArrayList<>();
        long until = System.nanoTime() + span.toNanos();
        while (System.nanoTime() < until) {
            seen.add(ready(baseUrl));
            RelayProcess.sleep(250);
        }
        return seen;
    }

    static void awaitReady(String baseUrl) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline && ready(baseUrl) != 200) {
            RelayProcess.sleep(200);
        }
        assertThat(ready(baseUrl)).as("/readyz once the dependency is back").isEqualTo(200);
    }

    static int ready(String baseUrl) {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/readyz")).timeout(Duration.ofSeconds(5))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The member's, the key's and the account's slots all come free (at most the lease TTL plus 10 s). */
    static void awaitNoLeases(Coordination view, Books.Tenant tenant) {
        List<String> keys = List.of("limits:conc:user:" + tenant.userId(), "limits:conc:key:" + tenant.keyId(),
                "account:" + tenant.accountId());
        long deadline = System.nanoTime() + CrashRun.LEASE_TTL.plusSeconds(10).toNanos();
        while (System.nanoTime() < deadline && keys.stream().anyMatch(key -> view.leases().inUse(key) > 0)) {
            RelayProcess.sleep(200);
        }
        for (String key : keys) {
            assertThat(view.leases().inUse(key)).as("slots held on " + key).isZero();
        }
    }
}
