package dev.relaypool.server.reliability;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/** The end of a soak: what was sent, what came of it, and the invariants that must hold afterwards. */
record SoakReport(Run run, long requests, Map<String, Long> shapes, Map<String, Long> outcomes, boolean settled,
                  Leases leases, Usage usage, Heap heap) {
    /** Heap creep allowed between the start and the end measurement: 25 % plus 32 MiB of noise. */
    static final long HEAP_SLACK_BYTES = 32L << 20;

    SoakReport {
        shapes = Map.copyOf(shapes);
        outcomes = Map.copyOf(outcomes);
    }

    record Run(Instant started, Duration took, Soak.Settings settings, long faultsInjected) {}

    record Leases(long user, long key, long account, long renewing) {
        long total() { return user + key + account + renewing; }
    }

    /**
     * {@code wholeRows}: rows of whole answers (2xx, no error class); {@code answeredSeen}: whole answers the clients
     * read; {@code answersWithoutRow}, {@code rowsWithoutAnswer}, {@code requestsWithoutRow}: mismatches.
     */
    record Usage(long rows, long wholeRows, long answeredSeen, long answersWithoutRow, long rowsWithoutAnswer,
                 long requestsWithoutRow, BigDecimal rowsCost, BigDecimal deducted) {}

    record Heap(long startBytes, long endBytes, int threadsStart, int threadsEnd) {}

    record Check(String name, boolean passed, String detail) {}

    List<Check> checks() {
        return List.of(
                new Check("every lease released (member, key, account)", leases.total() == 0 && settled,
                        leases.user() + " / " + leases.key() + " / " + leases.account() + ", renewing " + leases.renewing()),
                new Check("one usage row per whole answer", usage.answersWithoutRow() == 0 && usage.rowsWithoutAnswer() == 0
                        && usage.wholeRows() >= usage.answeredSeen(), usage.wholeRows() + " rows of whole answers, "
                        + usage.answeredSeen() + " read whole by clients (the rest: clients that hung up after the last byte)"),
                new Check("every request that reached the relay has a usage row", usage.requestsWithoutRow() == 0,
                        usage.requestsWithoutRow() + " without a row; " + usage.rows() + " rows in all"),
                new Check("money deducted equals the sum of the rows", usage.rowsCost().compareTo(usage.deducted()) == 0,
                        "deducted " + usage.deducted().toPlainString() + ", rows " + usage.rowsCost().toPlainString()),
                new Check("heap does not creep", heap.endBytes() <= heap.startBytes() + heap.startBytes() / 4 + HEAP_SLACK_BYTES,
                        mib(heap.startBytes()) + " MiB at the start, " + mib(heap.endBytes()) + " MiB at the end"),
                new Check("no 5xx other than injected upstream faults", outcomes.getOrDefault("http_500", 0L) == 0,
                        "relay-internal 500s: " + outcomes.getOrDefault("http_500", 0L)));
    }

    boolean passed() {
        return checks().stream().allMatch(Check::passed);
    }

    String markdown(String machine, String command) {
        StringBuilder md = new StringBuilder();
        md.append("- started: ").append(run.started().truncatedTo(ChronoUnit.SECONDS)).append(", took ")
                .append(run.took().toMinutes()).append(" min ").append(run.took().toSecondsPart()).append(" s\n");
        md.append("- command: `").append(command).append("`\n");
        md.append("- machine: ").append(machine).append('\n');
        md.append("- load: ").append(run.settings().concurrency()).append(" concurrent clients, ")
                .append(run.settings().members()).append(" members, ").append(run.settings().accountsPerPlatform())
                .append(" accounts per platform, think time up to ").append(run.settings().thinkTime().toMillis())
                .append(" ms, an upstream fault every ").append(run.settings().faultEvery().toMillis())
                .append(" ms (429, 500, reset before headers, stream cut), ")
                .append(percent(run.settings().hangUpRate())).append(" of clients hang up mid-answer\n");
        md.append("- requests: ").append(requests).append(" (").append(perSecond()).append("/s), faults injected: ")
                .append(run.faultsInjected()).append('\n');
        md.append("\n| shape | requests |\n|---|---|\n");
        shapes.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> md.append("| ").append(e.getKey()).append(" | ").append(e.getValue()).append(" |\n"));
        md.append("\n| outcome | requests |\n|---|---|\n");
        outcomes.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> md.append("| ").append(e.getKey()).append(" | ").append(e.getValue()).append(" |\n"));
        md.append("\n| invariant | result | detail |\n|---|---|---|\n");
        for (Check check : checks()) {
            md.append("| ").append(check.name()).append(" | ").append(check.passed() ? "pass" : "**FAIL**")
                    .append(" | ").append(check.detail()).append(" |\n");
        }
        md.append("\nThreads: ").append(heap.threadsStart()).append(" at the start, ").append(heap.threadsEnd())
                .append(" at the end. Result: ").append(passed() ? "**pass**" : "**FAIL**").append('\n');
        return md.toString();
    }

    private String perSecond() {
        long seconds = Math.max(1, run.took().toSeconds());
        return String.valueOf(Math.round(requests * 10.0 / seconds) / 10.0);
    }

    private static String percent(double rate) {
        return Math.round(rate * 1000) / 10.0 + " %";
    }

    private static long mib(long bytes) {
        return bytes >> 20;
    }
}
