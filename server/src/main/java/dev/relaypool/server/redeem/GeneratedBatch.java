package dev.relaypool.server.redeem;

import java.util.List;
import java.util.Objects;

/** The codes of a new batch, shown once to the operator (and exportable later as CSV by batch id). */
public record GeneratedBatch(String batchId, List<String> codes) {
    public GeneratedBatch {
        Objects.requireNonNull(batchId, "batchId");
        codes = List.copyOf(codes);
    }
}
