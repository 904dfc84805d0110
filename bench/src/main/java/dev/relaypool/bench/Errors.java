package dev.relaypool.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/** Failed exchanges by what they got: an HTTP status, "io" (connection failed or cut), or "cut stream". */
final class Errors {
    private final Map<String, LongAdder> byCause = new ConcurrentHashMap<>();

    void add(HttpConnection.Answer answer) {
        String cause = answer.status() < 0 ? "io" : answer.ok() ? "cut stream" : Integer.toString(answer.status());
        byCause.computeIfAbsent(cause, c -> new LongAdder()).increment();
    }

    void add(String cause, long count) {
        if (count > 0) {
            byCause.computeIfAbsent(cause, c -> new LongAdder()).add(count);
        }
    }

    long total() {
        return byCause.values().stream().mapToLong(LongAdder::sum).sum();
    }

    @Override
    public String toString() {
        if (byCause.isEmpty()) {
            return "0";
        }
        return total() + " (" + new TreeMap<>(byCause).entrySet().stream()
                .map(e -> e.getKey() + " ×" + e.getValue().sum()).collect(Collectors.joining(", ")) + ")";
    }
}
